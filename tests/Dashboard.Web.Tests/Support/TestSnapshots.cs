using Dashboard.Web.Data.Team;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>Team snapshots built directly from canned users, as a finished (or failed) scan would leave them.</summary>
internal static class TestSnapshots
{
    private static long _generation;

    public static TeamSnapshot Complete(params UserHistoricalPulls[] users) => Build(users, complete: true);

    public static TeamSnapshot Scanning(params UserHistoricalPulls[] users) => Build(users, complete: false);

    public static TeamSnapshot Failed(string error, params UserHistoricalPulls[] users) => Build(users, complete: false, error: error);

    public static TeamSnapshot Build(IEnumerable<UserHistoricalPulls> users, bool complete, string? error = null, DateTimeOffset? asOf = null)
    {
        var at = asOf ?? TestPulls.Now;
        var snapshot = new TeamSnapshot(Interlocked.Increment(ref _generation), at);
        Append(snapshot, users, at);
        var count = snapshot.Count;
        snapshot.Report(new ScanProgress(Pages: (count + 49) / 50, Users: count, ScopesDone: complete ? 1 : 0, ScopesTotal: 1));
        if (error is not null)
        {
            snapshot.Fail(error, at);
        }
        else if (complete)
        {
            snapshot.Complete(at);
        }

        return snapshot;
    }

    /// <summary>A finished scan that read the pulls, then the ongoing data (as the scanner walks a provider).</summary>
    public static TeamSnapshot Complete(IEnumerable<UserHistoricalPulls> users, IEnumerable<UserResources> ongoing)
    {
        var snapshot = Build(users, complete: false);
        AppendOngoing(snapshot, ongoing);
        snapshot.Complete(TestPulls.Now);
        return snapshot;
    }

    /// <summary>Ongoing data arrives for users (known ones gain it, others are added as the resources walk finds them).</summary>
    public static void AppendOngoing(TeamSnapshot snapshot, IEnumerable<UserResources> ongoing, DateTimeOffset? asOf = null)
    {
        var pool = new StringPool();
        foreach (var user in ongoing)
        {
            snapshot.Upsert(snapshot.TryGet(user.UserId, out var known)
                ? known.WithOngoing(user, TestPulls.Engine, asOf ?? TestPulls.Now, pool)
                : TeamUser.FromOngoing(user, TestPulls.Engine, asOf ?? TestPulls.Now, pool));
        }
    }

    /// <summary>More users arrive in a scan that is still running.</summary>
    public static void Append(TeamSnapshot snapshot, IEnumerable<UserHistoricalPulls> users, DateTimeOffset? asOf = null)
    {
        var pool = new StringPool();
        foreach (var user in users)
        {
            snapshot.Upsert(TeamUser.Create(user, TestPulls.Engine, asOf ?? TestPulls.Now, pool));
        }
    }
}
