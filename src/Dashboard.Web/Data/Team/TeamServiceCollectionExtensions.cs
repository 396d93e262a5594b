using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Data.Team;

internal static class TeamServiceCollectionExtensions
{
    public static IServiceCollection AddTeamSnapshots(this IServiceCollection services)
    {
        services.AddSingleton<ProviderDiscovery>();
        services.AddSingleton<ScanResumer>();
        services.AddSingleton<SequentialTeamScanner>();
        services.AddSingleton<PerProviderTeamScanner>();
        services.AddSingleton<ITeamScanner>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Vital.Introspection.VitalOptions>>().Value.ScanMode == Vital.Introspection.TeamScanMode.Sequential
                ? sp.GetRequiredService<SequentialTeamScanner>()
                : sp.GetRequiredService<PerProviderTeamScanner>());
        // Every process scans unless the history store says replicas share one scan (a PostgreSQL lock).
        services.TryAddSingleton<IScanLease>(SingleReplicaLease.Instance);
        services.AddSingleton<TeamSnapshotService>();
        services.AddSingleton<ITeamSnapshots>(sp => sp.GetRequiredService<TeamSnapshotService>());
        services.AddSingleton<TeamViewCache>();
        services.AddHostedService<ScanMemoryRelease>();
        return services;
    }
}
