using Dashboard.Store.Alerts;
using Dashboard.Web.Health;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Dashboard.Web.Alerts;

internal static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Alerts (<c>Alerts:*</c>, validated at start): the history writer queues one per scan with new critical problems
    /// when a webhook is set, the sender posts it through its own client (no API key, no redirects, no request logs:
    /// the address is a secret), and <c>/readyz</c> says whether they get through.
    /// </summary>
    public static IServiceCollection AddDashboardAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddOptions<AlertQueueOptions>().Configure<IOptions<AlertOptions>>((queue, alerts) => queue.Enabled = alerts.Value.IsOn());
        services.AddSingleton<AlertStatus>();
        services.AddSingleton<AlertSender>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertSender>());

        var client = services.AddHttpClient(AlertSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        // The request logs would print the webhook's address (masking is the second line of defence, not the first).
        client.RemoveAllLoggers();
        client.AddResilienceHandler("alerts", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<AlertOptions>>().Value;
            var maxDelay = TimeSpan.FromMinutes(1);
            pipeline.AddTimeout(options.AttemptTimeout * (options.MaxRetryAttempts + 1) + maxDelay * options.MaxRetryAttempts);
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = maxDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(AlertSender.ShouldRetry(args.Outcome)),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });

        services.AddHealthChecks().AddCheck<AlertHealthCheck>("alerts", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
