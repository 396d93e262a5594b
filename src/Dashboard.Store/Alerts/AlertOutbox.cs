using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store.Alerts;

internal sealed class AlertOutbox(StoreDatabase database, StoreMigrator migrator, TimeProvider timeProvider) : IAlertOutbox
{
    public async Task<PendingAlert?> ClaimNextAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            while (true)
            {
                var next = await db.Alerts.AsNoTracking()
                    .Where(a => a.Scope == scope && a.AttemptedAt == null)
                    .OrderBy(a => a.Id)
                    .Select(a => new { a.Id, a.ScanId, a.CreatedAt })
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    return null;
                }

                // Only one claimant changes the row: another replica that read the same id finds it taken.
                var now = timeProvider.GetUtcNow();
                var claimed = await db.Alerts
                    .Where(a => a.Id == next.Id && a.AttemptedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.AttemptedAt, now), cancellationToken).ConfigureAwait(false);
                if (claimed == 0)
                {
                    continue;
                }

                var problems = await db.Transitions.AsNoTracking()
                    .Where(t => t.ScanId == next.ScanId && t.Kind == TransitionKind.Finding && t.ToValue == CriticalProblems.Severity
                        && (t.FromValue == null || t.FromValue != CriticalProblems.Severity))
                    .OrderBy(t => t.Id)
                    .Select(t => new NewProblem(t.UserId, t.Provider, t.Resource, t.Code ?? string.Empty))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                return new PendingAlert(next.Id, scope, next.ScanId, next.CreatedAt, problems);
            }
        }
    }

    public async Task FinishAsync(long alertId, string outcome, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var now = timeProvider.GetUtcNow();
            await db.Alerts.Where(a => a.Id == alertId)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(a => a.FinishedAt, now).SetProperty(a => a.Outcome, outcome).SetProperty(a => a.Detail, detail),
                    cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
