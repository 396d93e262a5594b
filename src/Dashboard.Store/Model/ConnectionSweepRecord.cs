namespace Dashboard.Store.Model;

/// <summary>
/// Where the connection sweep of a scope stands (table <c>connection_sweeps</c>, one row per scope): the last user it
/// read in the current round (users go in ordinal order of their id) and when the round started, so a restart
/// resumes after that user instead of starting over.
/// </summary>
public sealed class ConnectionSweepRecord
{
    public required string Scope { get; set; }

    /// <summary>The last user read this round; null when the round has not read anyone yet.</summary>
    public string? LastUserId { get; set; }

    public DateTimeOffset RoundStartedAt { get; set; }

    /// <summary>When the cursor last moved.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
