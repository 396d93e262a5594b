namespace Dashboard.Store.Model;

/// <summary>
/// One change the dashboard saw (table <c>transitions</c>): an item (a pull's status, a connection's status, a finding)
/// appeared (<see cref="FromValue"/> null), changed, or cleared (<see cref="ToValue"/> null), first seen by the scan
/// <see cref="ScanId"/> at <see cref="SeenAt"/>. Rows are only ever added (and pruned by age); an item's current value
/// has held since its newest row, or since before the history kept when it has none.
/// </summary>
public sealed class TransitionRecord
{
    public long Id { get; set; }

    public long ScanId { get; set; }

    public ScanRecord? Scan { get; set; }

    /// <summary>When the scan that first saw the new value completed.</summary>
    public DateTimeOffset SeenAt { get; set; }

    /// <summary><see cref="TransitionKind"/>: <c>pull</c>, <c>connection</c> or <c>finding</c>.</summary>
    public required string Kind { get; set; }

    public required string UserId { get; set; }

    /// <summary>The provider slug; null for a finding about the user as a whole (<c>no_pull_data</c>).</summary>
    public string? Provider { get; set; }

    /// <summary>The resource of a pull, or of a finding about one resource.</summary>
    public string? Resource { get; set; }

    /// <summary>The finding code (findings only).</summary>
    public string? Code { get; set; }

    /// <summary>The value before: a status verbatim, or a finding's severity; null when the item appeared.</summary>
    public string? FromValue { get; set; }

    /// <summary>The value after; null when the item cleared.</summary>
    public string? ToValue { get; set; }
}
