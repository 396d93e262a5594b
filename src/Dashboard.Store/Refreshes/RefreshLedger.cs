using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store.Refreshes;

internal sealed class RefreshLedger(StoreDatabase database, StoreMigrator migrator, TimeProvider timeProvider) : IRefreshLedger
{
    public async Task<IReadOnlyList<DateTimeOffset>> SentWithinAsync(string scope, string userId, TimeSpan window, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var since = timeProvider.GetUtcNow() - window;
        var user = userId.ToLowerInvariant();
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await Sent(db, scope, user, since).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TryTakeAsync(string scope, string userId, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var user = userId.ToLowerInvariant();
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // One writer per scope at a time across replicas (PostgreSQL: an advisory lock; SQLite: its one writer),
                // so the count and the insert cannot interleave with another replica's.
                await db.LockScopeForWriteAsync("refresh:" + scope, cancellationToken).ConfigureAwait(false);
                var sent = await Sent(db, scope, user, now - window).CountAsync(cancellationToken).ConfigureAwait(false);
                if (sent >= limit)
                {
                    return false;
                }

                db.ManualRefreshes.Add(new ManualRefreshRecord { Scope = scope, UserId = user, SentAt = now });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    private static IQueryable<DateTimeOffset> Sent(StoreContext db, string scope, string user, DateTimeOffset since) =>
        db.ManualRefreshes.AsNoTracking()
            .Where(r => r.Scope == scope && r.UserId == user && r.SentAt > since)
            .OrderBy(r => r.SentAt)
            .Select(r => r.SentAt);
}
