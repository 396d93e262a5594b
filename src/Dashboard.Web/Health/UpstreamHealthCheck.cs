using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vital.Introspection;

namespace Dashboard.Web.Health;

/// <summary>
/// Readiness: can the dashboard read from its upstream? Asks for one user at most, and reuses the answer for
/// <see cref="CacheFor"/> so orchestrator probes never become upstream load.
/// </summary>
internal sealed class UpstreamHealthCheck(IVitalIntrospectionClient client, TimeProvider timeProvider) : IHealthCheck
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
                result = HealthCheckResult.Unhealthy($"Vital is not usable: {ex.Kind}. {ex.Message}");
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
}
