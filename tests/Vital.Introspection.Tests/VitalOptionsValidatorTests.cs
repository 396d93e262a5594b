using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vital.Introspection.Tests;

public sealed class VitalOptionsValidatorTests
{
    private const string SecretLookingKey = "pk_us_VERYSECRETVALUE1234567890";

    public static TheoryData<Dictionary<string, string?>, string> InvalidSettings => new()
    {
        { new() { ["Vital:Mode"] = "Live" }, "Vital:ApiKey is required when Vital:Mode is Live" },
        { new() { ["Vital:Mode"] = "2", ["Vital:ApiKey"] = SecretLookingKey }, "Vital:Mode must be Live or Simulator" },
        { new() { ["Vital:Mode"] = "-1" }, "Vital:Mode must be Live or Simulator" },
        { new() { ["Vital:ApiKey"] = "team_key_without_prefix" }, "Vital:BaseUrl is required because Vital:ApiKey does not start with pk_us_, pk_eu_, sk_us_ or sk_eu_" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey + "\n" }, "Vital:ApiKey contains spaces, line breaks or control characters" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = "ftp://vital.example" }, "Vital:BaseUrl must be an absolute http or https URL" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = "https://vital.example/?x=1" }, "Vital:BaseUrl must not carry a query string" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = "http://simulator:8080" }, "Vital:BaseUrl must be https in live mode" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = "http://10.0.0.7" }, "Vital:AllowInsecureBaseUrl=true" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = "http://localhost.evil.example" }, "Vital:BaseUrl must be https in live mode" },
        { new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = "http://simulator:8080", ["Vital:AllowInsecureBaseUrl"] = "false" }, "Vital:BaseUrl must be https in live mode" },
        { new() { ["Vital:UserLimit"] = "0" }, "Vital:UserLimit must be between 1 and 50" },
        { new() { ["Vital:UserLimit"] = "51" }, "Vital:UserLimit must be between 1 and 50" },
        { new() { ["Vital:CacheSeconds"] = "-1" }, "Vital:CacheSeconds must be between 0 and 86400" },
        { new() { ["Vital:ScanPatience"] = "-00:00:01" }, "Vital:ScanPatience must be between 00:00:00 and 01:00:00" },
        { new() { ["Vital:ScanPatience"] = "01:00:01" }, "Vital:ScanPatience must be between 00:00:00 and 01:00:00" },
        { new() { ["Vital:Resilience:MaxRetryAttempts"] = "11" }, "Vital:Resilience:MaxRetryAttempts must be between 0 and 10" },
        { new() { ["Vital:Resilience:BaseDelay"] = "00:00:00" }, "Vital:Resilience:BaseDelay must be positive" },
        { new() { ["Vital:Resilience:MaxDelay"] = "00:00:00.1", ["Vital:Resilience:BaseDelay"] = "00:00:01" }, "Vital:Resilience:MaxDelay must be at least Vital:Resilience:BaseDelay" },
        { new() { ["Vital:Resilience:AttemptTimeout"] = "00:00:00.001" }, "Vital:Resilience:AttemptTimeout must be between 10 ms and 1 day" },
        { new() { ["Vital:Resilience:TotalTimeout"] = "00:00:01" }, "Vital:Resilience:TotalTimeout must be at least Vital:Resilience:AttemptTimeout" },
        { new() { ["Vital:Resilience:CircuitBreakerFailureRatio"] = "0" }, "Vital:Resilience:CircuitBreakerFailureRatio" },
        { new() { ["Vital:Resilience:CircuitBreakerMinimumThroughput"] = "1" }, "Vital:Resilience:CircuitBreakerMinimumThroughput must be at least 2" },
        { new() { ["Vital:Resilience:CircuitBreakerBreakDuration"] = "00:00:00.1" }, "Vital:Resilience:CircuitBreakerBreakDuration" },
        { new() { ["Vital:Resilience:CircuitBreakerSamplingDuration"] = "00:00:00.1" }, "Vital:Resilience:CircuitBreakerSamplingDuration" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Start_InvalidSetting_FailsWithMessageNamingTheKeyNeverItsValue(Dictionary<string, string?> settings, string expected)
    {
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<VitalOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("VERYSECRETVALUE", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://vital.example", null)]
    [InlineData("http://localhost:5080", null)]
    [InlineData("http://127.0.0.1:5080", null)]
    [InlineData("http://[::1]:5080", null)]
    [InlineData("http://simulator:8080", "true")]
    public void Start_LiveBaseUrlHttpsLoopbackOrOptedIn_IsValid(string baseUrl, string? allowInsecure)
    {
        using var services = Build(new() { ["Vital:ApiKey"] = SecretLookingKey, ["Vital:BaseUrl"] = baseUrl, ["Vital:AllowInsecureBaseUrl"] = allowInsecure });

        var options = services.GetRequiredService<IOptions<VitalOptions>>().Value;

        Assert.Equal(new Uri(baseUrl), options.EffectiveBaseUrl);
    }

    [Fact]
    public void Start_SimulatorModeOverPlainHttp_NeedsNoOptIn()
    {
        using var services = Build(new() { ["Vital:Mode"] = "Simulator", ["Vital:BaseUrl"] = "http://simulator:8080" });

        Assert.Equal(VitalMode.Simulator, services.GetRequiredService<IOptions<VitalOptions>>().Value.EffectiveMode);
    }

    [Fact]
    public void Start_SeveralProblems_ReportsEachOne()
    {
        using var services = Build(new() { ["Vital:Mode"] = "Live", ["Vital:UserLimit"] = "0", ["Vital:CacheSeconds"] = "-5" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<VitalOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public void Defaults_NoKey_AreValidSimulatorMode()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<VitalOptions>>().Value;

        Assert.Equal(VitalMode.Simulator, options.EffectiveMode);
        Assert.Equal(50, options.UserLimit);
        Assert.Equal(60, options.CacheSeconds);
        Assert.Equal(VitalOptions.SimulatorBaseUrl, options.EffectiveBaseUrl);
    }

    [Fact]
    public void Defaults_WithKey_AreLiveModeOnTheKeysEnvironment()
    {
        using var services = Build(new() { ["Vital:ApiKey"] = SecretLookingKey });

        var options = services.GetRequiredService<IOptions<VitalOptions>>().Value;

        Assert.Equal(VitalMode.Live, options.EffectiveMode);
        Assert.Equal(VitalEnvironment.ProductionUs.BaseUrl, options.EffectiveBaseUrl);
        Assert.DoesNotContain(SecretLookingKey, options.ToString(), StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVitalIntrospection(configuration);
        return services.BuildServiceProvider();
    }
}
