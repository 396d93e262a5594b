namespace Dashboard.Web.Data.Team;

/// <summary>
/// What a resource's ongoing data shares with thousands of others (provider, resource, last attempt's status, whether
/// Vital sent a count, whether it read stale), kept once in the <see cref="StringPool"/> so a
/// <see cref="CompactFreshness"/> holds one reference instead of three strings and two flags. Compared by value
/// (strings ordinally).
/// </summary>
internal sealed record FreshnessLabel(string Provider, string Resource, string? AttemptStatus, bool HasSentCount, bool Stale)
{
    /// <summary>
    /// An oldest-data time that is not a whole second between 1970 and 2106, kept as it came: only on a label of one
    /// resource's own (a copy of the pooled one), never on a pooled label.
    /// </summary>
    public DateTimeOffset? OldestAsItCame { get; init; }
}
