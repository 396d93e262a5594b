namespace Dashboard.Store.Model;

/// <summary>
/// One manual refresh sent to Vital (table <c>manual_refreshes</c>): every replica counts the same rows against
/// Vital's allowance per user per hour. Kept a day, then pruned.
/// </summary>
public sealed class ManualRefreshRecord
{
    public long Id { get; set; }

    public required string Scope { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
