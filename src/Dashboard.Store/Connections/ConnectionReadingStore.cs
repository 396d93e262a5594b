using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store.Connections;

internal sealed class ConnectionReadingStore(StoreDatabase database, StoreMigrator migrator, TimeProvider timeProvider) : IConnectionReadingStore
{
    public Task<StoredSweep> LoadAsync(string scope, CancellationToken cancellationToken) => LoadSinceAsync(scope, null, cancellationToken);

    public async Task<StoredSweep> LoadSinceAsync(string scope, DateTimeOffset? readSince, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var cursor = await db.ConnectionSweeps.AsNoTracking().Where(s => s.Scope == scope)
                .Select(s => new SweepCursor(s.LastUserId, s.RoundStartedAt))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var query = db.ConnectionReadings.AsNoTracking().Where(r => r.Scope == scope);
            if (readSince is { } since)
            {
                query = query.Where(r => r.ReadAt >= since);
            }

            var rows = await query
                .OrderBy(r => r.UserId).ThenBy(r => r.Provider)
                .Select(r => new { r.UserId, r.Provider, r.Status, r.ErrorType, r.ReadAt })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var users = rows.GroupBy(r => r.UserId, StringComparer.Ordinal)
                .Select(g => new UserConnections(
                    g.Key,
                    g.Max(r => r.ReadAt),
                    [.. g.Where(r => r.Provider.Length > 0).Select(r => new ConnectionReading(r.Provider, r.Status, r.ErrorType))]))
                .ToList();
            return new StoredSweep(cursor, users);
        }
    }

    public async Task SaveAsync(string scope, UserConnections reading, SweepCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(cursor);
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Two replicas sweeping one database replace a user's rows one after the other, never interleaved.
                await db.LockScopeForWriteAsync("sweep:" + scope, cancellationToken).ConfigureAwait(false);
                await db.ConnectionReadings.Where(r => r.Scope == scope && r.UserId == reading.UserId)
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                var rows = reading.Connections.Count == 0
                    ? [new ConnectionReadingRecord { Scope = scope, UserId = reading.UserId, Provider = string.Empty, Status = string.Empty, ReadAt = reading.ReadAt }]
                    : reading.Connections.DistinctBy(c => c.Provider, StringComparer.Ordinal).Select(c => new ConnectionReadingRecord
                    {
                        Scope = scope,
                        UserId = reading.UserId,
                        Provider = c.Provider,
                        Status = c.Status,
                        ErrorType = c.ErrorType,
                        ReadAt = reading.ReadAt,
                    });
                db.ConnectionReadings.AddRange(rows);

                var stored = await db.ConnectionSweeps.FirstOrDefaultAsync(s => s.Scope == scope, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    stored = new ConnectionSweepRecord { Scope = scope };
                    db.ConnectionSweeps.Add(stored);
                }

                stored.LastUserId = cursor.LastUserId;
                stored.RoundStartedAt = cursor.RoundStartedAt;
                stored.UpdatedAt = timeProvider.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> ForgetDepartedAsync(string scope, Func<string, bool> inTeam, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inTeam);
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var stored = await db.ConnectionReadings.AsNoTracking().Where(r => r.Scope == scope)
                .Select(r => r.UserId).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var departed = stored.Where(id => !inTeam(id)).ToList();
            foreach (var chunk in departed.Chunk(ForgetChunk))
            {
                await db.ConnectionReadings.Where(r => r.Scope == scope && chunk.Contains(r.UserId))
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            return departed.Count;
        }
    }

    /// <summary>User ids per delete statement: well under SQLite's and PostgreSQL's parameter limits.</summary>
    private const int ForgetChunk = 500;
}
