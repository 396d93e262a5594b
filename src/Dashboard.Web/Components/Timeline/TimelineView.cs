namespace Dashboard.Web.Components.Timeline;

/// <summary>The two views of the same rows.</summary>
public enum TimelineView
{
    /// <summary>"Pull timeline": waiting and running, scheduled_at → started_at → ended_at.</summary>
    Pulls,

    /// <summary>"Data range": range_start → range_end with the days that have data.</summary>
    DataRange,
}
