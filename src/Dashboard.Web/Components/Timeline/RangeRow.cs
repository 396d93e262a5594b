using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Components.Timeline;

/// <summary>One row of the data-range view: range_start to range_end, and how many of those days have data.</summary>
public sealed record RangeRow
{
    public required TimelineEntry Entry { get; init; }

    /// <summary>The same index as the row's <see cref="TimelineRow"/>, so switching views keeps every row in place.</summary>
    public required int Index { get; init; }

    public required TimelineLane Lane { get; init; }

    public required StatusStyle Style { get; init; }

    /// <summary>Start of the range bar (fraction of the range axis); null when the pull has no range.</summary>
    public double? X { get; init; }

    /// <summary>Width of the range bar; at least <see cref="TimelineLayout.MinimumSegmentWidth"/>.</summary>
    public double? Width { get; init; }

    /// <summary>days_with_data / days in range; null without a positive range. May exceed 1 when the upstream says so.</summary>
    public double? Coverage { get; init; }

    /// <summary>The filled part of the bar: <see cref="Width"/> × coverage (capped at the whole bar); null without coverage.</summary>
    public double? FilledWidth { get; init; }

    /// <summary>"171 / 180 days with data (95%)", "12 days with data", or "No range yet".</summary>
    public required string DaysText { get; init; }

    public string Key => Entry.Key;
}
