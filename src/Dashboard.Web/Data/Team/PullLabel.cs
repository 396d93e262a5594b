using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// What a pull shares with thousands of others (its provider, resource, status, release and error), kept once in the
/// <see cref="StringPool"/> so a <see cref="CompactPull"/> holds one reference instead of five: 32 bytes a pull, some
/// 38 MB at 100,000 users. Compared by value (strings ordinally).
/// </summary>
internal sealed record PullLabel(string Provider, string Resource, PullStatus Status, string? ErrorDetails, string? Release)
{
    /// <summary>
    /// A trace id that is not 32 lower-case hex characters (or is all zeros), kept as it came: only on a label of one
    /// pull's own (a copy of the pooled one), never on a pooled label.
    /// </summary>
    public string? TraceText { get; init; }

    /// <summary>
    /// A range and days with data that do not fit <see cref="CompactPull"/>'s day fields, kept as they came: only on a
    /// label of one pull's own, never on a pooled label.
    /// </summary>
    public PullRange? RangeAsItCame { get; init; }
}

/// <summary>A pull's range and days with data as the upstream sent them.</summary>
internal sealed record PullRange(DateTimeOffset? Start, DateTimeOffset? End, int DaysWithData);
