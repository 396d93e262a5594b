namespace Dashboard.Web.Components.Timeline;

/// <summary>The kinds of bar the pull timeline draws, each with its own look and legend entry.</summary>
public enum TimelineSegmentKind
{
    /// <summary>Scheduled to started: the pull waited in Vital's queue.</summary>
    Waiting,

    /// <summary>Started to ended.</summary>
    Running,

    /// <summary>Started to now: in progress or retrying, no end yet.</summary>
    RunningNow,

    /// <summary>Scheduled to now in the "Not started yet" lane: still waiting for a start.</summary>
    WaitingNow,
}
