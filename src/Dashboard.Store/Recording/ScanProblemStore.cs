using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store.Recording;

internal sealed class ScanProblemStore(StoreDatabase database, StoreMigrator migrator) : IScanProblemStore
{
    public async Task WriteAsync(ScanProblem problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await db.LockScopeForWriteAsync("problem:" + problem.Scope, cancellationToken).ConfigureAwait(false);
                var stored = await db.ScanProblems.FirstOrDefaultAsync(p => p.Scope == problem.Scope, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    stored = new ScanProblemRecord { Scope = problem.Scope, Problem = problem.Problem };
                    db.ScanProblems.Add(stored);
                }
                else if (stored.EndedAt > problem.EndedAt)
                {
                    return;
                }

                stored.EndedAt = problem.EndedAt;
                stored.Problem = problem.Problem;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<ScanProblem?> LatestAsync(string scope, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await db.ScanProblems.AsNoTracking().Where(p => p.Scope == scope)
                .Select(p => new ScanProblem(p.Scope, p.EndedAt, p.Problem))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
