namespace Dashboard.Web.Refresh;

/// <summary>
/// Counts the manual refreshes this dashboard asked of Vital per user, so it never sends one Vital would refuse with a
/// 429 and can say how many are left this hour. Vital's own count is the truth; this one only stays under it.
/// </summary>
public interface IRefreshAllowance
{
    /// <summary>How many are left for <paramref name="userId"/> this hour, without taking one.</summary>
    Task<RefreshQuota> PeekAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Takes one for <paramref name="userId"/>; false (and nothing taken) when none is left this hour.</summary>
    Task<bool> TryTakeAsync(string userId, CancellationToken cancellationToken = default);
}
