using Dashboard.Diagnosis;
using Dashboard.Store.Reading;
using Dashboard.Store.State;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>A team state loaded from the store, as a complete snapshot to show (at start, or a follower's published team).</summary>
internal static class StoredTeamSnapshot
{
    /// <summary>Users read from the payload before they are diagnosed together, on every core.</summary>
    private const int Chunk = 4096;

    public static TeamSnapshot Build(long generation, StoredTeamState stored, DiagnosisEngine engine)
    {
        var snapshot = new TeamSnapshot(generation, stored.CompletedAt);
        var pool = new StringPool();
        var read = new List<UserState>(Chunk);
        var built = new TeamUser[Chunk];
        foreach (var user in stored.Users)
        {
            read.Add(user);
            if (read.Count == Chunk)
            {
                Add(snapshot, read, built, engine, pool);
            }
        }

        Add(snapshot, read, built, engine, pool);
        snapshot.Report(new ScanProgress(0, snapshot.Count, 0, 0));
        snapshot.Complete(stored.CompletedAt);
        return snapshot;
    }

    /// <summary>
    /// Makes a chunk of stored users in parallel (the payload is read on one thread), from the figures stored with them
    /// or, for payloads without those, by diagnosing them again; then adds them in their stored order: the snapshot
    /// has a single writer.
    /// </summary>
    private static void Add(TeamSnapshot snapshot, List<UserState> read, TeamUser[] built, DiagnosisEngine engine, StringPool pool)
    {
        Parallel.For(0, read.Count, i =>
        {
            var user = read[i];
            built[i] = TeamStateMapping.FromStored(user, engine, pool)
                ?? TeamUser.Create(TeamStateMapping.ToPulls(user), TeamStateMapping.ToResources(user), engine, user.AsOf, pool);
        });

        for (var i = 0; i < read.Count; i++)
        {
            snapshot.Upsert(built[i]);
            built[i] = null!;
        }

        read.Clear();
    }
}
