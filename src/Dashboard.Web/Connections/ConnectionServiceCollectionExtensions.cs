using Dashboard.Web.Health;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Connections;

internal static class ConnectionServiceCollectionExtensions
{
    /// <summary>
    /// The connection sweep (<c>Sweep:*</c>, validated at start): the readings in memory, the sweep in the background,
    /// its status for the team page, its metrics and its line on <c>/readyz</c>. Needs the history store's services.
    /// </summary>
    public static IServiceCollection AddConnectionSweep(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SweepOptions>().Bind(configuration.GetSection(SweepOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SweepOptions>, SweepOptionsValidator>();
        services.AddSingleton<ConnectionReadings>();
        services.AddSingleton<SweepOrder>();
        services.AddSingleton<SweepStatus>();
        services.AddSingleton<SweepMetrics>();
        services.AddHostedService<ConnectionSweep>();
        services.AddHealthChecks().AddCheck<SweepHealthCheck>("connection-sweep", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
