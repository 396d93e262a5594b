using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Vital.Simulator.Tests;

/// <summary>Configuration binding, validation at start with messages naming keys, and DI registration.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void AddVitalSimulator_Configuration_IsBound()
    {
        using var provider = Build(new()
        {
            ["Simulator:Users"] = "42",
            ["Simulator:Seed"] = "7",
            ["Simulator:RequireApiKey"] = "false",
            ["Simulator:LastPageCursor"] = "None",
            ["Simulator:Faults:LatencyMs"] = "50",
            ["Simulator:Faults:RateLimitRate"] = "0.25",
        });

        var simulator = provider.GetRequiredService<VitalSimulator>();

        Assert.Equal(42, simulator.Team.Count);
        Assert.Equal(7, simulator.Team.Seed);
        Assert.Equal(50, simulator.Faults.LatencyMs);
        Assert.Equal(0.25, simulator.Faults.RateLimitRate);
        Assert.Same(simulator, provider.GetRequiredService<VitalSimulator>());
        Assert.NotSame(provider.GetRequiredService<VitalSimulatorHandler>(), provider.GetRequiredService<VitalSimulatorHandler>());
    }

    [Fact]
    public void AddVitalSimulator_NoConfiguration_UsesTheDefaults()
    {
        using var provider = Build([]);

        var simulator = provider.GetRequiredService<VitalSimulator>();

        Assert.Equal(500, simulator.Team.Count);
        Assert.Equal(1, simulator.Team.Seed);
    }

    [Fact]
    public void AddVitalSimulator_TimeProviderInDi_IsTheSimulatorsClock()
    {
        var time = new FakeTimeProvider(SimulatorTestKit.Now.AddTicks(1234567));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddVitalSimulator(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.Equal(SimulatorTestKit.Now, provider.GetRequiredService<VitalSimulator>().Team.Epoch);
    }

    [Theory]
    [InlineData("Simulator:Users", "-1", "Simulator:Users must be between 0 and 1000000")]
    [InlineData("Simulator:Users", "1000001", "Simulator:Users must be between 0 and 1000000")]
    [InlineData("Simulator:Faults:ServerErrorRate", "1.5", "Simulator:Faults:ServerErrorRate must be between 0 and 1")]
    [InlineData("Simulator:Faults:SlowRate", "-0.1", "Simulator:Faults:SlowRate must be between 0 and 1")]
    [InlineData("Simulator:Faults:LatencyMs", "-5", "Simulator:Faults:LatencyMs must be between 0 and 600000")]
    [InlineData("Simulator:Faults:RetryAfterSeconds", "-1", "Simulator:Faults:RetryAfterSeconds must be between 0 and 3600")]
    [InlineData("Simulator:Faults:Endpoints:0", "connections",
        "Simulator:Faults:Endpoints:0 'connections' must be one of historical_pull, resources, user, resolve, providers, refresh")]
    public void AddVitalSimulator_InvalidValue_FailsNamingTheKey(string key, string value, string message)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<VitalSimulator>());

        Assert.Contains(message, error.Failures);
    }

    [Fact]
    public void AddVitalSimulator_FaultEndpoints_AreBoundAsAList()
    {
        using var provider = Build(new()
        {
            ["Simulator:Faults:UnavailableRate"] = "1",
            ["Simulator:Faults:Endpoints:0"] = "providers",
            ["Simulator:Faults:Endpoints:1"] = "refresh",
        });

        var simulator = provider.GetRequiredService<VitalSimulator>();

        Assert.Equal([SimulatorEndpoints.Providers, SimulatorEndpoints.Refresh], simulator.Faults.Endpoints);
    }

    [Fact]
    public void FaultOptions_NullOrUnknownEndpoints_AreProblemsNamingTheKey()
    {
        var unknown = SimulatorOptionsValidator.GetProblems(new SimulatorFaultOptions { Endpoints = ["user", "Providers"] });
        var missing = SimulatorOptionsValidator.GetProblems(new SimulatorFaultOptions { Endpoints = null! });

        Assert.Equal(["Simulator:Faults:Endpoints:1 'Providers' must be one of historical_pull, resources, user, resolve, providers, refresh"], unknown);
        Assert.Equal(["Simulator:Faults:Endpoints must not be null (leave it empty for every endpoint)"], missing);
        Assert.Empty(SimulatorOptionsValidator.GetProblems(new SimulatorFaultOptions { Endpoints = [.. SimulatorEndpoints.All] }));
    }

    [Fact]
    public void AddVitalSimulator_SeveralProblems_ListsEach()
    {
        using var provider = Build(new()
        {
            ["Simulator:Users"] = "-1",
            ["Simulator:Faults:UnavailableRate"] = "0.6",
            ["Simulator:Faults:MalformedRate"] = "0.6",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<VitalSimulator>());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("add up to at most 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new SimulatorOptions { Users = -1 };

        var error = Assert.Throws<ArgumentException>(() => new VitalSimulator(options, TimeProvider.System));

        Assert.Contains("Simulator:Users", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddVitalSimulator(configuration).BuildServiceProvider();
    }
}
