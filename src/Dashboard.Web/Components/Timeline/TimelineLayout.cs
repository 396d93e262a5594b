using Dashboard.Diagnosis;

namespace Dashboard.Web.Components.Timeline;

/// <summary>Where a row sits: with the pulls that started, or in the separate "Not started yet" lane below them.</summary>
public enum TimelineLane
{
    /// <summary>The pull has a start time.</summary>
    Started,

    /// <summary>No start time (scheduled, or the upstream never sent one): a marker at the scheduled time.</summary>
    NotStarted,
}

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

/// <summary>
/// One bar: from <see cref="From"/> to <see cref="To"/>, drawn at <see cref="X"/> with <see cref="Width"/> (fractions of
/// the axis). <see cref="Width"/> is at least <see cref="TimelineLayout.MinimumSegmentWidth"/>, so an instant pull stays visible.
/// </summary>
public sealed record TimelineSegment(TimelineSegmentKind Kind, DateTimeOffset From, DateTimeOffset To, double X, double Width)
{
    /// <summary><see cref="To"/> − <see cref="From"/>, never negative.</summary>
    public TimeSpan Duration => To > From ? To - From : TimeSpan.Zero;
}

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

/// <summary>
/// The geometry of a user's timeline, with no rendering: the axis and ticks, one row per provider/resource with its
/// segments as fractions of the axis (0..1), the "Not started yet" lane, where "now" is, and the data-range view of the
/// same rows. The component multiplies fractions by its drawing width; tests assert on the fractions.
/// </summary>
public sealed class TimelineLayout
{
    /// <summary>Added before the first and after the last time, as a fraction of the (widened) span, so bars don't touch the edges.</summary>
    public const double Padding = 0.05;

    /// <summary>The narrowest bar, as a fraction of the axis (0.5 %): a pull that took no time still shows.</summary>
    public const double MinimumSegmentWidth = 0.005;

    /// <summary>The shortest pull axis (±1 minute around the times): equal times or a single instant still get a real axis.</summary>
    public static readonly TimeSpan MinimumSpan = TimeSpan.FromMinutes(2);

    /// <summary>The shortest data-range axis (±1 day).</summary>
    public static readonly TimeSpan MinimumRangeSpan = TimeSpan.FromDays(2);

    private TimelineLayout(
        TimelineAxis axis, IReadOnlyList<TimelineRow> rows, double? nowX, TimelineAxis? rangeAxis, IReadOnlyList<RangeRow> rangeRows,
        DateTimeOffset now, TimeZoneInfo zone)
    {
        Axis = axis;
        Rows = rows;
        NowX = nowX;
        RangeAxis = rangeAxis;
        RangeRows = rangeRows;
        Now = now;
        Zone = zone;
    }

    /// <summary>The pull-timeline axis: every scheduled, started and ended time, and now while something is running or waiting.</summary>
    public TimelineAxis Axis { get; }

    /// <summary>Started rows (by provider, then resource, ordinal), then the "Not started yet" lane in the same order.</summary>
    public IReadOnlyList<TimelineRow> Rows { get; }

    /// <summary>Where the "now" line goes on <see cref="Axis"/>; null when now is off the axis (nothing running, all long done).</summary>
    public double? NowX { get; }

    /// <summary>The data-range axis over every range_start and range_end; null when no pull has a range.</summary>
    public TimelineAxis? RangeAxis { get; }

    /// <summary>The data-range view: the same rows, in the same order, with the same indexes.</summary>
    public IReadOnlyList<RangeRow> RangeRows { get; }

    public DateTimeOffset Now { get; }

    public TimeZoneInfo Zone { get; }

    public bool IsEmpty => Rows.Count == 0;

    /// <summary>Rows with a start time.</summary>
    public int StartedCount => Rows.Count(r => r.Lane == TimelineLane.Started);

    /// <summary>Rows in the "Not started yet" lane.</summary>
    public int NotStartedCount => Rows.Count(r => r.Lane == TimelineLane.NotStarted);

    /// <summary>The layout of every pulled resource of <paramref name="diagnosis"/>.</summary>
    public static TimelineLayout Create(UserDiagnosis diagnosis, DateTimeOffset now, TimeZoneInfo? zone = null) =>
        Create(TimelineEntry.From(diagnosis), now, zone);

    /// <summary>The layout of <paramref name="entries"/> at <paramref name="now"/>, with tick labels in <paramref name="zone"/> (UTC by default).</summary>
    public static TimelineLayout Create(IEnumerable<TimelineEntry> entries, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        zone ??= TimeZoneInfo.Utc;

        var ordered = entries
            .OrderBy(e => e.StartedAt is null ? 1 : 0)
            .ThenBy(e => e.Provider, StringComparer.Ordinal)
            .ThenBy(e => e.Resource, StringComparer.Ordinal)
            .ToList();

        var axis = TimelineAxis.Over(AxisTimes(ordered, now), now, MinimumSpan, Padding, zone);
        var rows = ordered.Select((entry, index) => MakeRow(entry, index, axis, now)).ToList();
        double? nowX = axis.Contains(now) ? axis.Fraction(now) : null;

        var rangeTimes = ordered
            .SelectMany(e => new[] { e.RangeStart, e.RangeEnd })
            .OfType<DateTimeOffset>()
            .ToList();
        var rangeAxis = rangeTimes.Count == 0 ? null : TimelineAxis.Over(rangeTimes, now, MinimumRangeSpan, Padding, zone);
        var rangeRows = rows.Select(row => MakeRangeRow(row, rangeAxis)).ToList();

        return new TimelineLayout(axis, rows, nowX, rangeAxis, rangeRows, now, zone);
    }

    /// <summary>A segment from <paramref name="from"/> to <paramref name="to"/>, at least <see cref="MinimumSegmentWidth"/> wide and kept on the axis.</summary>
    public static TimelineSegment Segment(TimelineSegmentKind kind, DateTimeOffset from, DateTimeOffset to, TimelineAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        var (x, width) = Place(axis.Fraction(from), axis.Fraction(to));
        return new TimelineSegment(kind, from, to, x, width);
    }

    /// <summary>In progress or retrying, started, not ended.</summary>
    public static bool IsRunningNow(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Status is "in_progress" or "retrying" && entry.StartedAt is not null && entry.EndedAt is null;
    }

    /// <summary>Scheduled, in progress or retrying with a scheduled time but no start and no end.</summary>
    public static bool IsWaitingNow(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Status is "scheduled" or "in_progress" or "retrying"
            && entry.ScheduledAt is not null && entry.StartedAt is null && entry.EndedAt is null;
    }

    private static IEnumerable<DateTimeOffset> AxisTimes(IReadOnlyList<TimelineEntry> entries, DateTimeOffset now)
    {
        foreach (var entry in entries)
        {
            if (entry.ScheduledAt is { } scheduled)
            {
                yield return scheduled;
            }

            if (entry.StartedAt is { } started)
            {
                yield return started;
            }

            if (entry.EndedAt is { } ended)
            {
                yield return ended;
            }
        }

        if (entries.Any(e => IsRunningNow(e) || IsWaitingNow(e)))
        {
            yield return now;
        }
    }

    private static TimelineRow MakeRow(TimelineEntry entry, int index, TimelineAxis axis, DateTimeOffset now)
    {
        var segments = new List<TimelineSegment>(2);
        var runningNow = IsRunningNow(entry);
        var waitingNow = IsWaitingNow(entry);
        TimeSpan? waiting = null;
        TimeSpan? running = null;
        double? markerX = null;

        if (entry.StartedAt is { } started)
        {
            // Scheduled after started is an anomaly (the diagnosis reports it); there is no waiting bar to draw then.
            if (entry.ScheduledAt is { } scheduled && scheduled <= started)
            {
                segments.Add(Segment(TimelineSegmentKind.Waiting, scheduled, started, axis));
                waiting = started - scheduled;
            }

            if (runningNow)
            {
                var to = Max(started, now);
                segments.Add(Segment(TimelineSegmentKind.RunningNow, started, to, axis));
                running = to - started;
            }
            else
            {
                // No end (e.g. success without ended_at) or an end before the start: a thin bar at the start.
                var ended = entry.EndedAt is { } end && end >= started ? end : (DateTimeOffset?)null;
                segments.Add(Segment(TimelineSegmentKind.Running, started, ended ?? started, axis));
                running = ended - started;
            }
        }
        else if (entry.ScheduledAt is { } scheduled)
        {
            markerX = axis.Fraction(scheduled);
            if (waitingNow)
            {
                var to = Max(scheduled, now);
                segments.Add(Segment(TimelineSegmentKind.WaitingNow, scheduled, to, axis));
                waiting = to - scheduled;
            }
        }

        return new TimelineRow
        {
            Entry = entry,
            Index = index,
            Lane = entry.StartedAt is null ? TimelineLane.NotStarted : TimelineLane.Started,
            Style = StatusPalette.For(entry.Status),
            Segments = segments,
            MarkerX = markerX,
            Waiting = waiting,
            Running = running,
            IsRunningNow = runningNow,
            IsWaitingNow = waitingNow,
        };
    }

    private static RangeRow MakeRangeRow(TimelineRow row, TimelineAxis? axis)
    {
        var entry = row.Entry;
        double? x = null;
        double? width = null;
        double? filled = null;
        double? coverage = entry.DaysInRange is { } days ? (double)entry.DaysWithData / days : null;

        if (axis is not null && entry.RangeStart is { } start && entry.RangeEnd is { } end)
        {
            (x, width) = Place(axis.Fraction(start), axis.Fraction(Max(start, end)));
            if (coverage is { } ratio)
            {
                filled = width * Math.Clamp(ratio, 0, 1);
            }
        }

        return new RangeRow
        {
            Entry = entry,
            Index = row.Index,
            Lane = row.Lane,
            Style = row.Style,
            X = x,
            Width = width,
            Coverage = coverage,
            FilledWidth = filled,
            DaysText = DaysText(entry, coverage),
        };
    }

    private static string DaysText(TimelineEntry entry, double? coverage)
    {
        if (entry.DaysInRange is { } days && coverage is { } ratio)
        {
            return FormattableString.Invariant($"{entry.DaysWithData} / {days} days with data ({TimelineText.Percent(ratio)})");
        }

        if (entry.RangeStart is null || entry.RangeEnd is null)
        {
            return entry.DaysWithData > 0
                ? FormattableString.Invariant($"{entry.DaysWithData} days with data, no range")
                : "No range yet";
        }

        return FormattableString.Invariant($"{entry.DaysWithData} days with data, empty range");
    }

    private static (double X, double Width) Place(double from, double to)
    {
        var width = Math.Max(to - from, MinimumSegmentWidth);
        var x = Math.Min(from, 1 - width);
        return (Math.Max(x, 0), width);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
