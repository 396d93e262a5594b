using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Components.Timeline;

/// <summary>One provider/resource row of the pull timeline.</summary>
public sealed record TimelineRow
{
    public required TimelineEntry Entry { get; init; }

    /// <summary>0-based position from the top over both lanes: started rows first, then the "Not started yet" lane.</summary>
    public required int Index { get; init; }

    public required TimelineLane Lane { get; init; }

    public required StatusStyle Style { get; init; }

    /// <summary>Waiting then running, in time order; empty when the pull has no usable times.</summary>
    public required IReadOnlyList<TimelineSegment> Segments { get; init; }

    /// <summary>Where the scheduled-only marker goes (fraction of the axis); null outside the "Not started yet" lane or without a scheduled time.</summary>
    public double? MarkerX { get; init; }

    /// <summary>Scheduled to started, or to now while still waiting; null when unknown or negative.</summary>
    public TimeSpan? Waiting { get; init; }

    /// <summary>Started to ended, or to now while running; null when unknown or negative.</summary>
    public TimeSpan? Running { get; init; }

    /// <summary>In progress or retrying with a start and no end: the running bar reaches now.</summary>
    public bool IsRunningNow { get; init; }

    /// <summary>Scheduled (or active) without a start: the waiting bar reaches now.</summary>
    public bool IsWaitingNow { get; init; }

    public string Key => Entry.Key;
}
