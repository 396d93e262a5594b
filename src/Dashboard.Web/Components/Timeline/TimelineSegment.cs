namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// One bar: from <see cref="From"/> to <see cref="To"/>, drawn at <see cref="X"/> with <see cref="Width"/> (fractions of
/// the axis). <see cref="Width"/> is at least <see cref="TimelineLayout.MinimumSegmentWidth"/>, so an instant pull stays visible.
/// </summary>
public sealed record TimelineSegment(TimelineSegmentKind Kind, DateTimeOffset From, DateTimeOffset To, double X, double Width)
{
    /// <summary><see cref="To"/> − <see cref="From"/>, never negative.</summary>
    public TimeSpan Duration => To > From ? To - From : TimeSpan.Zero;
}
