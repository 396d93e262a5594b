using System.Globalization;
using Dashboard.Web.Data.Team;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.History;

/// <summary>
/// Readiness says which replica scans (ADR 0017). Only <see cref="ScanRole.Isolated"/> is <c>Degraded</c>: the pages
/// work, but every replica cut off from the database asks Vital for the whole team itself.
/// </summary>
internal sealed class ScanRoleHealthCheck(IScanLease lease, ITeamSnapshots snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var role = lease.Role;
        var data = new Dictionary<string, object> { ["role"] = role.ToString().ToLowerInvariant() };
        var result = role switch
        {
            ScanRole.Leader => HealthCheckResult.Healthy("Role leader: this replica scans the team for every replica (it holds the scan lock).", data),
            ScanRole.Follower => HealthCheckResult.Healthy($"Role follower: this replica shows the team the scanning replica published ({AsOf()}).", data),
            ScanRole.Isolated => HealthCheckResult.Degraded("Role isolated: the database has not answered for a while, so this replica scans the team on its own until it does.", data: data),
            _ => HealthCheckResult.Healthy("Role single: this process scans the team itself.", data),
        };
        return Task.FromResult(result);
    }

    private string AsOf() => snapshots.Current.CompletedAt is { } at && snapshots.Current.HasStarted
        ? "as of " + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : "none published yet";
}
