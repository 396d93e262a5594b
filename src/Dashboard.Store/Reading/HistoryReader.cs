using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
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

            var start = await db.Scans.AsNoTracking().Where(s => s.Scope == scope)
                .OrderBy(s => s.CompletedAt).Select(s => (DateTimeOffset?)s.CompletedAt)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

            var changes = rows.Take(filter.Limit)
                .Select(r => new ProblemChange(r.SeenAt, r.UserId, r.Provider, r.Resource, r.Code ?? string.Empty, (r.ToValue ?? r.FromValue)!, r.FromValue is null))
                .ToList();
            return new ProblemChanges(changes, rows.Count > filter.Limit, start);
        }
    }

    public async Task<StoredTeamState?> LoadLatestStateAsync(string scope, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var row = await db.TeamStates.AsNoTracking().Where(s => s.Scope == scope)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return row is not null && TeamStateSerializer.Deserialize(row.Payload, row.Format) is { } state
                ? new StoredTeamState(row.ScanId, row.CompletedAt, state)
                : null;
        }
    }
}
