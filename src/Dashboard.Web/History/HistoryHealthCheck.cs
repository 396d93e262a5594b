using System.Globalization;
using Dashboard.Store.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.History;

/// <summary>
/// Readiness says whether history is kept. A paused history is <c>Degraded</c>, not unhealthy: the pages work without
/// it, so an orchestrator must not take the dashboard out of service for it.
/// </summary>
internal sealed class HistoryHealthCheck(IHistoryStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Reason is not { } reason)
        {
            return Task.FromResult(HealthCheckResult.Healthy("History is being kept."));
        }

        var since = status.PausedSince?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "now";
        return Task.FromResult(HealthCheckResult.Degraded($"History is paused since {since}: {reason}. Pages work without it; the log says more."));
    }
}
