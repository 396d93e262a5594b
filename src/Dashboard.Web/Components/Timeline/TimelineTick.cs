namespace Dashboard.Web.Components.Timeline;

/// <summary>One labelled tick: its instant, its position (0 = axis start, 1 = axis end) and its label in the display zone.</summary>
public sealed record TimelineTick(DateTimeOffset Time, double X, string Label);
