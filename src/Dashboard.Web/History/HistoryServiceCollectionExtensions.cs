using Dashboard.Store;
using Dashboard.Store.Hosting;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Health;

namespace Dashboard.Web.History;

internal static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// The history: the store (<c>Store:*</c>, SQLite under the content root by default), the hook that records each
    /// completed team scan, the stored team shown at start, and its line on <c>/readyz</c>. With PostgreSQL, replicas share
    /// one scan: the holder of the scan lock scans, the others show what it published (ADR 0017).
    /// </summary>
    public static IServiceCollection AddDashboardStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHistoryStore(configuration, environment.ContentRootPath);
        services.AddSingleton<TeamScope>();
        services.AddSingleton<RestoredTeam>();
        services.AddSingleton<TeamScanRecorder>();
        // After the store's start-up (migrations), before the web server listens.
        services.AddHostedService<TeamStateRestorer>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamScanRecorder>());
        AddScanLeadership(services);
        services.AddScoped<Components.Pages.Changes.ChangesPageModel>();
        services.AddScoped<Components.Pages.Users.UserHistoryState>();
        services.AddTransient<Components.Pages.Providers.ProviderTrendsModel>();
        services.AddHealthChecks().AddCheck<HistoryHealthCheck>("history", tags: [HealthEndpoints.ReadyTag]);
        services.AddHealthChecks().AddCheck<ScanRoleHealthCheck>("scans", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    private static void AddScanLeadership(IServiceCollection services)
    {
        services.AddSingleton(sp => new PostgresScanLease(
            new PostgresScanLock(sp.GetRequiredService<StoreDatabase>().Connection.ConnectionString, sp.GetRequiredService<TeamScope>().Value, ScanLeadership.IdleSessionTimeout),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresScanLease>>()));
        services.AddSingleton<IScanLease>(sp => sp.GetRequiredService<StoreDatabase>().Provider == StoreProvider.Postgres
            ? sp.GetRequiredService<PostgresScanLease>()
            : SingleReplicaLease.Instance);
        services.AddSingleton<PublishedTeamFollower>();
        // After the stored team is shown at start.
        services.AddHostedService<ScanLeadership>();
    }
}
