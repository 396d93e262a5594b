namespace Dashboard.Store.Model;

/// <summary>
/// One completed team scan (table <c>scans</c>): when it ran, how long it took, how many upstream calls it made, and
/// its counts per provider, status and finding code (<see cref="Counts"/>, JSON). Its transitions point at it.
/// </summary>
public sealed class ScanRecord
{
    public long Id { get; set; }

    /// <summary>Which team (and mode) was scanned: history of the demo team and of a live team never mix.</summary>
    public required string Scope { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset CompletedAt { get; set; }

    public long DurationMs { get; set; }

    public int Users { get; set; }

    public int Pulls { get; set; }

    /// <summary>Upstream requests the scan made that were answered (one per page read; retries not counted).</summary>
    public int UpstreamCalls { get; set; }

    /// <summary>Transition rows this scan wrote.</summary>
    public int Changes { get; set; }

    /// <summary>
    /// No earlier state of this scope was stored: history starts here, and what this scan saw is not recorded as having
    /// appeared (it was there before, since when is unknown).
    /// </summary>
    public bool Baseline { get; set; }

    /// <summary>Counts per provider, status and finding code, as JSON (<see cref="Recording.ScanCounts"/>).</summary>
    public required string Counts { get; set; }

    public List<TransitionRecord> Transitions { get; set; } = [];
}
