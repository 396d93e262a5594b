namespace Dashboard.Web.Components.Timeline;

/// <summary>The calendar unit of a <see cref="TickStep"/>.</summary>
public enum TickUnit
{
    Second,
    Minute,
    Hour,
    Day,
    Month,
    Year,
}
