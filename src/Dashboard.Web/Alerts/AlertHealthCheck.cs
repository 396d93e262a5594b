using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Alerts;

/// <summary>
/// Readiness says whether alerts get through. A failed delivery is <c>Degraded</c>, not unhealthy: pages and scans work
/// without it. It never names the webhook (a secret).
/// </summary>
internal sealed class AlertHealthCheck(IOptions<AlertOptions> options, AlertStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsOn())
        {
            return Task.FromResult(HealthCheckResult.Healthy("Alerts are off (Alerts:WebhookUrl is not set)."));
        }

        if (status.Failure is { } failure)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"The alert for the scan of {Time(failure.AlertOf)} could not be delivered: {failure.Reason}. Scans and pages are not affected; the log says more."));
        }

        if (status.StoreProblem is { } problem)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Alerts wait: {problem}. None is sent until the history store answers."));
        }

        return Task.FromResult(HealthCheckResult.Healthy(status.LastSentAt is { } sent
            ? $"Alerts are on; the last was delivered at {Time(sent)}."
            : "Alerts are on; none was needed yet."));
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
