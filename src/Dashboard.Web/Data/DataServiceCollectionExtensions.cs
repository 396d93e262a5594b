using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Data;

internal static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The upstream client (live, or the simulated team in process when no key is configured), the shared
    /// cache and the repository over both.
    /// </summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services, IConfiguration configuration)
    {
        var vital = configuration.GetSection(VitalOptions.SectionName).Get<VitalOptions>() ?? new VitalOptions();

        var client = services.AddVitalIntrospection(configuration);
        if (vital.EffectiveMode == VitalMode.Simulator)
        {
            services.AddVitalSimulator(configuration);
            client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<VitalSimulatorHandler>());
        }

        // Several replicas share upstream answers through Redis (the second level); one replica needs only memory.
        if (configuration["Cache:Redis"] is { Length: > 0 } redis)
        {
            services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "vital-dashboard:";
            });
        }

        services.AddHybridCache(options =>
        {
            options.MaximumPayloadBytes = 64 * 1024 * 1024;
            options.MaximumKeyLength = 2048;
        });
        services.AddSingleton<ClientUserIds>();
        services.AddSingleton<ClientUserIdPrefetch>();
        services.AddSingleton<IVitalRepository, VitalRepository>();

        // The one write: the manual refresh, within Vital's hourly allowance per user, counted in the history store
        // (every replica on one database counts the same), in memory while the store cannot be used.
        services.AddSingleton<Refresh.RefreshAllowance>();
        services.AddSingleton<Refresh.IRefreshAllowance, Refresh.StoredRefreshAllowance>();
        services.AddSingleton<Refresh.ManualRefreshes>();
        return services;
    }
}
