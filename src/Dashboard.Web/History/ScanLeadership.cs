using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// With a PostgreSQL store (ADR 0017), every <see cref="Interval"/>: renews the scan lease; the leader keeps the team
/// fresh on schedule (the followers' viewers cannot ask it to scan, so it scans whether or not its own pages are open),
/// a follower catches up with what the leader published. Lets go of the lock when the host stops. Without a shared
/// database (<see cref="SingleReplicaLease"/>) there is nothing to run.
/// </summary>
internal sealed class ScanLeadership(IScanLease lease, PublishedTeamFollower follower, ITeamSnapshots snapshots, TimeProvider timeProvider)
    : BackgroundService
{
    /// <summary>How soon a follower sees a new scan, and a replica takes over from one that died.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>The server ends a silent lock holder's session after this (a live one renews every <see cref="Interval"/>).</summary>
    public static readonly TimeSpan IdleSessionTimeout = TimeSpan.FromSeconds(30);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (lease is PostgresScanLease shared)
        {
            // A host out of patience stops waiting above while a renewal may still use the lock's connection: it ends
            // soon (its token is cancelled), and the lock is given back after it, never beside it.
            if (ExecuteTask is { } loop)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await shared.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (lease is not PostgresScanLease shared)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            await StepAsync(shared, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One round: what the lease says, then what that role does.</summary>
    private async Task StepAsync(PostgresScanLease shared, CancellationToken cancellationToken)
    {
        switch (await shared.RenewAsync(cancellationToken).ConfigureAwait(false))
        {
            case ScanRole.Leader:
                snapshots.EnsureFresh();
                break;
            case ScanRole.Follower:
                await follower.CatchUpAsync(cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Isolated: scans on its own when its pages ask, as a single replica does.
                break;
        }
    }
}
