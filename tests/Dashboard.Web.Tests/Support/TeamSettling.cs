using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Waits for a dashboard's team snapshot to hold the whole team: the first per-provider scan completes, then the
/// discovery walk finds users on providers the spec does not list and a rescan adds them (ADR 0009).
/// </summary>
public static class TeamSettling
{
    public static async Task<TeamSnapshot> UntilTeamHoldsAsync(this IServiceProvider services, int users, CancellationToken cancellationToken)
    {
        var snapshots = services.GetRequiredService<ITeamSnapshots>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var snapshot = await snapshots.WhenCompleteAsync(cancellationToken);
            if ((snapshot.Count == users && snapshots.Refreshing is null) || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
