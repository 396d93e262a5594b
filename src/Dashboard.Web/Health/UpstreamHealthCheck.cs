using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vital.Introspection;

namespace Dashboard.Web.Health;

/// <summary>
/// Readiness: can the dashboard read from its upstream? Asks for one user at most, and reuses the answer for
/// <see cref="CacheFor"/> so orchestrator probes never become upstream load.
/// </summary>
internal sealed partial class UpstreamHealthCheck(IVitalIntrospectionClient client, TimeProvider timeProvider, ILogger<UpstreamHealthCheck> logger) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            HealthCheckResult result;
            try
            {
                await client.GetPageAsync(new HistoricalPullPageRequest { UserLimit = 1 }, cancellationToken).ConfigureAwait(false);
                result = HealthCheckResult.Healthy("Vital answered.");
            }
            catch (VitalApiException ex)
            {
                // /readyz answers anyone: the kind and status only. The sentence (which may name hosts or quote the
                // upstream) goes to the log, for the operator.
                result = HealthCheckResult.Unhealthy($"Vital is not usable: {ex.Kind}{(ex.StatusCode is { } status ? $" (HTTP {status})" : string.Empty)}. The dashboard's log says more.");
                LogUnusable(logger, ex.Kind, ex.Message);
            }

            _last = (result, timeProvider.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private HealthCheckResult? Fresh() =>
        _last is { } last && timeProvider.GetUtcNow() - last.At < CacheFor ? last.Result : null;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Readiness: Vital is not usable ({Kind}): {Reason}")]
    private static partial void LogUnusable(ILogger logger, VitalErrorKind kind, string reason);
}
