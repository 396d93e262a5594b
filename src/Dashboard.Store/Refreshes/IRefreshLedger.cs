namespace Dashboard.Store.Refreshes;

/// <summary>
/// The manual refreshes sent to Vital, per team and user, shared by every replica on the database: so the allowance
/// (Vital's 8 per user per hour) is counted once however many replicas send them.
/// </summary>
public interface IRefreshLedger
{
    /// <summary>When the refreshes of <paramref name="userId"/> sent within <paramref name="window"/> before now were sent, oldest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> SentWithinAsync(string scope, string userId, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// Records one refresh for <paramref name="userId"/> unless <paramref name="limit"/> were already sent within
    /// <paramref name="window"/>; false (nothing recorded) then. Two replicas taking the last one at once: one gets it.
    /// </summary>
    Task<bool> TryTakeAsync(string scope, string userId, TimeSpan window, int limit, CancellationToken cancellationToken);
}
