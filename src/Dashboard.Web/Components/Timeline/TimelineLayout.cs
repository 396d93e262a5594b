using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Vital.Introspection;

namespace Dashboard.Web.Components.Timeline;

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

    /// <summary>The layout of one provider's pulls of <paramref name="entries"/>, or of all of them when <paramref name="provider"/> is null.</summary>
    public static TimelineLayout Create(IReadOnlyList<TimelineEntry> entries, string? provider, DateTimeOffset now, TimeZoneInfo? zone = null) =>
        Create(provider is null ? entries : entries.Where(e => e.Provider == provider), now, zone);

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
        return (entry.Status == PullStatus.InProgress || entry.Status == PullStatus.Retrying) && entry.StartedAt is not null && entry.EndedAt is null;
    }

    /// <summary>Scheduled, in progress or retrying with a scheduled time but no start and no end.</summary>
    public static bool IsWaitingNow(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Status.IsActive
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
            return FormattableString.Invariant($"{entry.DaysWithData} / {days} days with data ({TextFormatter.Percent(ratio)})");
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
