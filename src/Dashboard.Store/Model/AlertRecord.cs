namespace Dashboard.Store.Model;

/// <summary>
/// One alert owed for a scan that found critical problems not open before (table <c>alerts</c>), written in the same
/// transaction as the scan's transitions, so it exists exactly when they do. Claimed once (<see cref="AttemptedAt"/>)
/// before anything is sent, so neither a second replica nor a restart sends it again; <see cref="Outcome"/> says what
/// became of it.
/// </summary>
public sealed class AlertRecord
{
    public long Id { get; set; }

    /// <summary>The scan whose transitions are the new problems; the alert goes when retention removes the scan.</summary>
    public long ScanId { get; set; }

    public ScanRecord? Scan { get; set; }

    public required string Scope { get; set; }

    /// <summary>When the scan that saw the problems completed.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>New critical problems the scan saw.</summary>
    public int Problems { get; set; }

    /// <summary>When a sender claimed it; null while it waits. Set before the first request goes out.</summary>
    public DateTimeOffset? AttemptedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary><see cref="AlertOutcome"/>: <c>sent</c>, <c>failed</c> or <c>skipped</c>; null while waiting or in flight.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why it failed or was skipped, in words (never the webhook's address).</summary>
    public string? Detail { get; set; }
}
