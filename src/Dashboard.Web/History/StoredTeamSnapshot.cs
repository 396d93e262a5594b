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
        var snapshot = TeamSnapshot.FromStore(generation, stored.CompletedAt, stored.UserCount);
        Fill(snapshot, stored, engine, added: null, CancellationToken.None);
        snapshot.Complete(stored.CompletedAt);
        return snapshot;
    }

    /// <summary>
    /// Adds the stored users to <paramref name="snapshot"/> (its single writer) a chunk at a time, telling
    /// <paramref name="added"/> after each, so a page shows the first rows while the rest are read. Does not complete it.
    /// </summary>
    public static void Fill(TeamSnapshot snapshot, StoredTeamState stored, DiagnosisEngine engine, Action? added, CancellationToken cancellationToken)
    {
        var pool = new StringPool();
        var read = new List<UserState>(Chunk);
        var built = new TeamUser[Chunk];
        foreach (var user in stored.Users)
        {
            read.Add(user);
            if (read.Count == Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Add(snapshot, read, built, engine, pool);
                added?.Invoke();
            }
        }

        Add(snapshot, read, built, engine, pool);
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
        snapshot.Report(new ScanProgress(0, snapshot.Count, 0, 0));
    }
}
