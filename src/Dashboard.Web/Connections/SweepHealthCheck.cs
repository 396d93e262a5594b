using Dashboard.Web.Data.Team;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Connections;

/// <summary>
/// The sweep's progress on <c>/readyz</c>, always healthy: connections not yet read make no page wrong (the grid says
/// which users are unread), and Vital's own trouble has its own line.
/// </summary>
internal sealed class SweepHealthCheck(SweepStatus status, ITeamSnapshots snapshots, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(
            status.Progress(snapshots.Current)?.Describe(timeProvider.GetUtcNow()) ?? "The connection sweep is off (Sweep:RequestsPerSecond is 0)."));
}
