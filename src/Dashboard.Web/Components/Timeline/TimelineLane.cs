namespace Dashboard.Web.Components.Timeline;

/// <summary>Where a row sits: with the pulls that started, or in the separate "Not started yet" lane below them.</summary>
public enum TimelineLane
{
    /// <summary>The pull has a start time.</summary>
    Started,

    /// <summary>No start time (scheduled, or the upstream never sent one): a marker at the scheduled time.</summary>
    NotStarted,
}
