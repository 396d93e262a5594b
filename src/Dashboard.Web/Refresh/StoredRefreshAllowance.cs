using Dashboard.Store.Hosting;
using Dashboard.Store.Refreshes;
using Dashboard.Web.History;

namespace Dashboard.Web.Refresh;

/// <summary>
/// The allowance counted in the history store, so every replica on one database counts the same refreshes (with
/// PostgreSQL; SQLite is one replica's). While the store cannot be used (not migrated, down, full) this process
/// counts in memory (<see cref="RefreshAllowance"/>) and Vital's own 429 stays the backstop; it goes back to the
/// store as soon as the store answers again.
/// </summary>
public sealed partial class StoredRefreshAllowance(
    IRefreshLedger ledger,
    StoreMigrator migrator,
    TeamScope scope,
    RefreshAllowance fallback,
    ILogger<StoredRefreshAllowance> logger) : IRefreshAllowance
{
    public async Task<RefreshQuota> PeekAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (migrator.IsMigrated)
        {
            try
            {
                var sent = await ledger.SentWithinAsync(scope.Value, userId, RefreshAllowance.Window, cancellationToken).ConfigureAwait(false);
                var left = Math.Max(0, RefreshAllowance.PerUserPerHour - sent.Count);
                return new RefreshQuota(left, left == 0 ? sent[sent.Count - RefreshAllowance.PerUserPerHour] + RefreshAllowance.Window : null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreUnavailable(logger, StoreFailure.Describe(ex));
            }
        }

        return await fallback.PeekAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryTakeAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (migrator.IsMigrated)
        {
            try
            {
                return await ledger.TryTakeAsync(scope.Value, userId, RefreshAllowance.Window, RefreshAllowance.PerUserPerHour, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreUnavailable(logger, StoreFailure.Describe(ex));
            }
        }

        return await fallback.TryTakeAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Manual refreshes are counted in this process only while the history store cannot be used: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
