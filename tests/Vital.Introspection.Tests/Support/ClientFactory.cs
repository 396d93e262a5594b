using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vital.Introspection.Tests.Support;

/// <summary>Builds the real client as the dashboard registers it, over a handler of the test's choosing.</summary>
public static class ClientFactory
{
    public const string TestKey = "sk_us_TESTKEY0000000000000000000000";

    public static ServiceProvider Build(
        HttpMessageHandler handler,
        IDictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Vital:ApiKey"] = TestKey,
            ["Vital:BaseUrl"] = "https://vital.test/",
            // Fast retries: tests check behaviour, not real back-off times.
            ["Vital:Resilience:BaseDelay"] = "00:00:00.010",
            ["Vital:Resilience:MaxDelay"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddVitalIntrospection(configuration).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IVitalIntrospectionClient Client(this ServiceProvider services) =>
        services.GetRequiredService<IVitalIntrospectionClient>();
}
