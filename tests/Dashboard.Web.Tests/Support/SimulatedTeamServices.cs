using System.Globalization;
using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The team services over a simulated Vital team, wired as the host wires them (the typed client with its
/// resilience, logging at Warning), for tests of the scanners and the snapshots.
/// </summary>
internal static class SimulatedTeamServices
{
    /// <summary>
    /// The per-provider scanner and the discovery it ranks providers by, <paramref name="concurrency"/> walks at once.
    /// <paramref name="spy"/>, if given, sees every request (after the resilience handler) before the simulator does.
    /// </summary>
    public static ServiceProvider PerProviderScanner(
        VitalSimulator simulator, int concurrency, Func<DelegatingHandler>? spy = null, params (string Key, string Value)[] settings)
    {
        var configuration = Settings([("Vital:ScanConcurrency", concurrency.ToString(CultureInfo.InvariantCulture)), .. settings]);
        var services = Client(simulator, configuration, spy);
        services.AddSingleton<ProviderDiscovery>();
        services.AddSingleton<ScanResumer>();
        services.AddSingleton<PerProviderTeamScanner>();
        return services.BuildServiceProvider();
    }

    /// <summary>The team snapshot service and the diagnosis it judges users with.</summary>
    public static ServiceProvider Snapshots(VitalSimulator simulator, params (string Key, string Value)[] settings)
    {
        var configuration = Settings(settings);
        var services = Client(simulator, configuration, spy: null);
        services.AddDiagnosis(configuration);
        services.AddTeamSnapshots();
        return services.BuildServiceProvider();
    }

    private static IConfiguration Settings(IEnumerable<(string Key, string Value)> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();

    private static ServiceCollection Client(VitalSimulator simulator, IConfiguration configuration, Func<DelegatingHandler>? spy)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var client = services.AddVitalIntrospection(configuration).ConfigurePrimaryHttpMessageHandler(() => new VitalSimulatorHandler(simulator));
        if (spy is not null)
        {
            client.AddHttpMessageHandler(spy);
        }

        return services;
    }
}
