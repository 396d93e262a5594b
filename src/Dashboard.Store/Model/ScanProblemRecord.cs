namespace Dashboard.Store.Model;

/// <summary>
/// The last scan of a scope that did not end with the whole team (table <c>scan_problems</c>, one row per scope):
/// when it ended and what went wrong, as the scanning replica's team page says it. Only whole scans are stored as the
/// team state, so this is how the other replicas learn that the team they show is not the newest attempt (ADR 0017).
/// A newer stored team state supersedes it.
/// </summary>
public sealed class ScanProblemRecord
{
    public required string Scope { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    /// <summary>What went wrong, in plain language (no key, no user id).</summary>
    public required string Problem { get; set; }
}
