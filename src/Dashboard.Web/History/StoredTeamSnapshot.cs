using Dashboard.Diagnosis;
using Dashboard.Store.Reading;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>A team state loaded from the store, as a complete snapshot to show (at start, or a follower's published team).</summary>
internal static class StoredTeamSnapshot
{
    public static TeamSnapshot Build(long generation, StoredTeamState stored, DiagnosisEngine engine)
    {
        var snapshot = new TeamSnapshot(generation, stored.CompletedAt);
        var pool = new StringPool();
        foreach (var user in stored.Users)
        {
            snapshot.Upsert(TeamUser.Create(TeamStateMapping.ToPulls(user), TeamStateMapping.ToResources(user), engine, user.AsOf, pool));
        }

        snapshot.Report(new ScanProgress(0, snapshot.Count, 0, 0));
        snapshot.Complete(stored.CompletedAt);
        return snapshot;
    }
}
