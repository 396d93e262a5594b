namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// A time axis from <see cref="Start"/> to <see cref="End"/> with its ticks. Positions are fractions of the axis:
/// 0 at <see cref="Start"/>, 1 at <see cref="End"/>.
/// </summary>
public sealed record TimelineAxis
{
    private const int MaxTickIterations = 1000;

    private TimelineAxis(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        Start = start;
        End = end;
        Zone = zone;
        Step = TickStep.For(end - start);
        Ticks = MakeTicks();
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    /// <summary>The zone tick labels are in.</summary>
    public TimeZoneInfo Zone { get; }

    public TickStep Step { get; }

    /// <summary>Ticks inside [<see cref="Start"/>, <see cref="End"/>], in order.</summary>
    public IReadOnlyList<TimelineTick> Ticks { get; }

    public TimeSpan Span => End - Start;

    /// <summary>
    /// The axis over <paramref name="times"/>: their span widened to at least <paramref name="minimumSpan"/> (around its
    /// middle), then padded by <paramref name="padding"/> of that span on each side. Without any time, the axis is
    /// centred on <paramref name="fallback"/>.
    /// </summary>
    public static TimelineAxis Over(
        IEnumerable<DateTimeOffset> times, DateTimeOffset fallback, TimeSpan minimumSpan, double padding, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minimumSpan, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);

        var list = times.ToList();
        var min = list.Count == 0 ? fallback : list.Min();
        var max = list.Count == 0 ? fallback : list.Max();

        var span = max - min;
        if (span < minimumSpan)
        {
            var widen = (minimumSpan - span) / 2;
            min -= widen;
            max += widen;
            span = minimumSpan;
        }

        var pad = span * padding;
        return new TimelineAxis(min - pad, max + pad, zone);
    }

    /// <summary>Where <paramref name="time"/> falls: 0 at the start, 1 at the end (outside [0, 1] when off the axis).</summary>
    public double Fraction(DateTimeOffset time) => (time - Start).Ticks / (double)Span.Ticks;

    /// <summary>True when <paramref name="time"/> lies on the axis.</summary>
    public bool Contains(DateTimeOffset time) => time >= Start && time <= End;

    private List<TimelineTick> MakeTicks()
    {
        var ticks = new List<TimelineTick>();
        var local = Step.Floor(TimeZoneInfo.ConvertTime(Start, Zone).DateTime);
        var endLocal = TimeZoneInfo.ConvertTime(End, Zone).DateTime;

        // Walk the wall clock of the display zone; a local time skipped by a daylight-saving change has no tick.
        for (var i = 0; i < MaxTickIterations && local <= endLocal; i++, local = Step.Next(local))
        {
            if (ToInstant(local) is { } instant && Contains(instant))
            {
                ticks.Add(new TimelineTick(instant, Fraction(instant), Step.Label(local)));
            }
        }

        return ticks;
    }

    private DateTimeOffset? ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        // In the repeated hour after clocks go back, take the first pass (the larger offset).
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
