using Dashboard.Store;
using Dashboard.Web.Health;

namespace Dashboard.Web.History;

internal static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// The history: the store (<c>Store:*</c>, SQLite under the content root by default), the hook that records each
    /// completed team scan, the stored team shown at start, and its line on <c>/readyz</c>.
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
        services.AddScoped<Components.Pages.Changes.ChangesPageModel>();
        services.AddScoped<Components.Pages.Users.UserHistoryState>();
        services.AddTransient<Components.Pages.Providers.ProviderTrendsModel>();
        services.AddHealthChecks().AddCheck<HistoryHealthCheck>("history", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
