using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        before?.Invoke(services);
        services.AddDiagnosis(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddDiagnosis_WithoutConfiguration_UsesTheDefaults()
    {
        // Arrange
        using var provider = Build([]);

        // Act
        var options = provider.GetRequiredService<IOptions<DiagnosisOptions>>().Value;
        var engine = provider.GetRequiredService<DiagnosisEngine>();

        // Assert
        Assert.Equal(TimeSpan.FromHours(6), options.StuckScheduledAfter);
        Assert.Equal(TimeSpan.FromDays(1), options.StuckInProgressAfter);
        Assert.Equal(0.5, options.LowCoverageRatio);
        Assert.Equal(TimeSpan.FromHours(6), engine.Thresholds.StuckScheduledAfter);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddDiagnosis_WithConfiguration_BindsTheDiagnosisSection()
    {
        // Arrange
        using var provider = Build(new()
        {
            ["Diagnosis:StuckScheduledAfter"] = "02:30:00",
            ["Diagnosis:StuckInProgressAfter"] = "2.00:00:00",
            ["Diagnosis:LowCoverageRatio"] = "0.25",
        });

        // Act
        var engine = provider.GetRequiredService<DiagnosisEngine>();

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(150), engine.Thresholds.StuckScheduledAfter);
        Assert.Equal(TimeSpan.FromDays(2), engine.Thresholds.StuckInProgressAfter);
        Assert.Equal(0.25, engine.Thresholds.LowCoverageRatio);
    }

    [Fact]
    public void AddDiagnosis_WithBadValues_FailsOnFirstUseWithAMessagePerKey()
    {
        // Arrange
        using var provider = Build(new()
        {
            ["Diagnosis:StuckScheduledAfter"] = "00:00:00",
            ["Diagnosis:LowCoverageRatio"] = "1.5",
        });

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiagnosisOptions>>().Value);

        // Assert
        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, m => m.StartsWith("Diagnosis:StuckScheduledAfter ", StringComparison.Ordinal));
        Assert.Contains(error.Failures, m => m.StartsWith("Diagnosis:LowCoverageRatio ", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDiagnosis_WithBadValues_FailsTheStartupValidation()
    {
        // Arrange: the host runs IStartupValidator at start because of ValidateOnStart.
        using var provider = Build(new() { ["Diagnosis:StuckInProgressAfter"] = "-01:00:00" });

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Assert
        Assert.Contains("Diagnosis:StuckInProgressAfter must be greater than zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiagnosis_WithGoodValues_PassesTheStartupValidation()
    {
        // Arrange
        using var provider = Build(new() { ["Diagnosis:LowCoverageRatio"] = "0.75" });

        // Act and assert: no exception.
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddDiagnosis_WithATimeProviderRegistered_KeepsItAndTheEngineUsesIt()
    {
        // Arrange
        var time = new FakeTimeProvider(TestData.AsOf);
        using var provider = Build([], services => services.AddSingleton<TimeProvider>(time));

        // Act
        var diagnosis = provider.GetRequiredService<DiagnosisEngine>().Diagnose(TestData.One(TestData.Healthy()));

        // Assert
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(TestData.AsOf, diagnosis.AsOf);
    }

    [Fact]
    public void AddDiagnosis_Engine_IsASingleton()
    {
        // Arrange
        using var provider = Build([]);

        // Act and assert
        Assert.Same(provider.GetRequiredService<DiagnosisEngine>(), provider.GetRequiredService<DiagnosisEngine>());
    }

    [Fact]
    public void AddDiagnosis_CalledTwice_ReportsEachProblemOnce()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Diagnosis:LowCoverageRatio"] = "-1" })
            .Build();
        var services = new ServiceCollection();
        services.AddDiagnosis(configuration);
        services.AddDiagnosis(configuration);
        using var provider = services.BuildServiceProvider();

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiagnosisOptions>>().Value);

        // Assert
        Assert.Single(error.Failures);
    }
}
