using System.Data.Common;
using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Dashboard.Store.Recording;
using Dashboard.Store.State;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store.Reading;

internal sealed class HistoryReader(StoreDatabase database, StoreMigrator migrator) : IHistoryReader
{
    /// <summary>The severities that make a finding a problem (info findings are things in motion, or normal).</summary>
    internal static readonly string[] ProblemSeverities = ["warning", "critical"];

    public async Task<ProblemChanges> GetProblemChangesAsync(string scope, ChangesFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var since = filter.Since;
            var query = db.Transitions.AsNoTracking()
                .Where(t => t.Kind == TransitionKind.Finding && t.SeenAt >= since && t.Scan!.Scope == scope);

            query = filter.Direction switch
            {
                ChangeDirection.Appeared => query.Where(t => t.FromValue == null && ProblemSeverities.Contains(t.ToValue)),
                ChangeDirection.Cleared => query.Where(t => t.ToValue == null && ProblemSeverities.Contains(t.FromValue)),
                _ => query.Where(t => (t.FromValue == null && ProblemSeverities.Contains(t.ToValue)) || (t.ToValue == null && ProblemSeverities.Contains(t.FromValue))),
            };

            if (filter.Providers.Count > 0)
            {
                var providers = filter.Providers.ToArray();
                query = query.Where(t => t.Provider != null && providers.Contains(t.Provider));
            }

            if (filter.Codes.Count > 0)
            {
                var codes = filter.Codes.ToArray();
                query = query.Where(t => codes.Contains(t.Code));
            }

            var rows = await query
                .OrderByDescending(t => t.SeenAt).ThenBy(t => t.Id)
                .Take(filter.Limit + 1)
                .Select(t => new { t.SeenAt, t.UserId, t.Provider, t.Resource, t.Code, t.FromValue, t.ToValue })
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            var start = await HistoryStartAsync(db, scope, cancellationToken).ConfigureAwait(false);

            var changes = rows.Take(filter.Limit)
                .Select(r => new ProblemChange(r.SeenAt, r.UserId, r.Provider, r.Resource, r.Code ?? string.Empty, (r.ToValue ?? r.FromValue)!, r.FromValue is null))
                .ToList();
            return new ProblemChanges(changes, rows.Count > filter.Limit, start);
        }
    }

    public async Task<UserHistory> GetUserHistoryAsync(string scope, string userId, int limit, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.Transitions.AsNoTracking()
                .Where(t => t.UserId == userId && t.Scan!.Scope == scope)
                .OrderByDescending(t => t.SeenAt).ThenByDescending(t => t.Id)
                .Take(limit + 1)
                .Select(t => new { t.Id, t.SeenAt, t.Kind, t.Provider, t.Resource, t.Code, t.FromValue, t.ToValue })
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            var start = await HistoryStartAsync(db, scope, cancellationToken).ConfigureAwait(false);
            var items = rows.Take(limit)
                .OrderBy(r => r.SeenAt).ThenBy(r => r.Id)
                .GroupBy(r => (r.Kind, r.Provider, r.Resource, r.Code))
                .Select(g => new ItemHistory(g.Key.Kind, g.Key.Provider, g.Key.Resource, g.Key.Code, [.. g.Select(r => new ItemChange(r.SeenAt, r.FromValue, r.ToValue))]))
                .OrderBy(i => i.Provider ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(i => i.Resource ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(i => i.Code ?? string.Empty, StringComparer.Ordinal)
                .ToList();
            return new UserHistory(items, start, rows.Count > limit);
        }
    }

    public async Task<ProviderTrends> GetProviderTrendsAsync(string scope, string provider, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var scans = await db.Scans.AsNoTracking()
                .Where(s => s.Scope == scope && s.CompletedAt >= since)
                .Select(s => new { s.CompletedAt, s.Counts })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var days = scans
                .GroupBy(s => DateOnly.FromDateTime(s.CompletedAt.UtcDateTime))
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var counts = ScanCounts.FromJson(g.MaxBy(s => s.CompletedAt)!.Counts).Providers.GetValueOrDefault(provider);
                    return new DayCounts(g.Key, counts?.Statuses ?? new SortedDictionary<string, int>(), counts?.Findings ?? new SortedDictionary<string, int>());
                })
                .ToList();

            var transitions = await db.Transitions.AsNoTracking()
                .Where(t => t.Kind == TransitionKind.Pull && t.Provider == provider && t.SeenAt >= since && t.Scan!.Scope == scope)
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            var start = await HistoryStartAsync(db, scope, cancellationToken).ConfigureAwait(false);
            return new ProviderTrends(days, PullDurations.Measure(transitions), start);
        }
    }

    /// <summary>Tests: runs between the reads of the stored team's head and of its payload (another replica publishing there).</summary>
    internal Func<Task>? BetweenReads { get; set; }

    public async Task<StoredTeamState?> LoadLatestStateAsync(string scope, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        DbTransaction? snapshot = null;
        StoredPayload? payload = null;
        try
        {
            // The head, then the payload streamed off the open connection as the users are read (some 90 MB at 100,000
            // users, which as the row's byte array stayed in the large-object heap while a restart read it, beside
            // SQLite's own copy while the query ran), both in one snapshot: a row replaced between the two reads (another
            // replica published) would give the newer team under the older scan's id, time and count.
            snapshot = await db.BeginSnapshotReadAsync(cancellationToken).ConfigureAwait(false);
            var head = await db.TeamStates.AsNoTracking().Where(s => s.Scope == scope)
                .Select(s => new { s.ScanId, s.CompletedAt, s.Users, s.Format })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (head is not null)
            {
                if (BetweenReads is { } between)
                {
                    await between().ConfigureAwait(false);
                }

                payload = await db.OpenTeamStatePayloadAsync(scope, cancellationToken).ConfigureAwait(false);
                if (payload is not null && TeamStateSerializer.ReadUsers(payload.Stream, head.Format) is { } users)
                {
                    return new StoredTeamState(head.ScanId, head.CompletedAt, head.Users, users) { Source = new PayloadSource(payload, snapshot, db) };
                }
            }
        }
        catch
        {
            await Release(payload, snapshot, db).ConfigureAwait(false);
            throw;
        }

        await Release(payload, snapshot, db).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask Release(StoredPayload? payload, DbTransaction? snapshot, StoreContext db)
    {
        if (payload is not null)
        {
            await payload.DisposeAsync().ConfigureAwait(false);
        }

        if (snapshot is not null)
        {
            await snapshot.DisposeAsync().ConfigureAwait(false);
        }

        await db.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A stored team's payload stream, the snapshot and the context it is read in, given back together.</summary>
    private sealed class PayloadSource(StoredPayload payload, DbTransaction snapshot, StoreContext db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Release(payload, snapshot, db);
    }

    public async Task<StoredStateHead?> LatestStateAsync(string scope, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await db.TeamStates.AsNoTracking().Where(s => s.Scope == scope).Select(s => new StoredStateHead(s.CompletedAt, s.Users))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>When the oldest scan kept of the scope completed; null when none is.</summary>
    private static Task<DateTimeOffset?> HistoryStartAsync(StoreContext db, string scope, CancellationToken cancellationToken) =>
        db.Scans.AsNoTracking().Where(s => s.Scope == scope)
            .OrderBy(s => s.CompletedAt).Select(s => (DateTimeOffset?)s.CompletedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
