namespace Dashboard.Web.Components.Timeline;

/// <summary>The words the timeline puts in titles, accessible names and its details panel; kept out of the markup so they can be tested.</summary>
public static class TimelineDescriptions
{
    /// <summary>What each segment kind means, for the legend and titles.</summary>
    public static string KindName(TimelineSegmentKind kind) => kind switch
    {
        TimelineSegmentKind.Waiting => "Waiting",
        TimelineSegmentKind.Running => "Running",
        TimelineSegmentKind.RunningNow => "Running now",
        _ => "Not started yet, waiting",
    };

    /// <summary>The native tooltip of one bar: "Running 4 min: 2026-03-04 10:01:00 UTC → 2026-03-04 10:05:00 UTC".</summary>
    public static string SegmentTitle(TimelineSegment segment, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var to = segment.Kind is TimelineSegmentKind.RunningNow or TimelineSegmentKind.WaitingNow ? "now" : Time(segment.To, zone);
        return $"{KindName(segment.Kind)} {TimelineText.Duration(segment.Duration)}: {Time(segment.From, zone)} → {to}";
    }

    /// <summary>
    /// The accessible name of a row in the pull view, e.g. "Oura · sleep, Succeeded. Scheduled 2026-03-04 10:00:00 UTC,
    /// started 2026-03-04 10:01:00 UTC, ended 2026-03-04 10:05:00 UTC. Waited 1 min, ran 4 min." Times in UTC only, to
    /// keep it short to listen to; the details panel has the display zone too.
    /// </summary>
    public static string PullLabel(TimelineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entry = row.Entry;
        var times = string.Join(", ", new[]
        {
            entry.ScheduledAt is { } s ? $"scheduled {TimelineText.Utc(s)}" : null,
            entry.StartedAt is { } st ? $"started {TimelineText.Utc(st)}" : "not started",
            entry.EndedAt is { } e ? $"ended {TimelineText.Utc(e)}" : row.IsRunningNow ? "still running" : null,
        }.OfType<string>());
        var durations = string.Join(", ", new[]
        {
            row.Waiting is { } w ? $"{(row.IsWaitingNow ? "waiting for" : "waited")} {TimelineText.Duration(w)}" : null,
            row.Running is { } r ? $"{(row.IsRunningNow ? "running for" : "ran")} {TimelineText.Duration(r)}" : null,
        }.OfType<string>());

        var text = $"{entry.Label}, {row.Style.Label}. {Capitalize(times)}.";
        return durations.Length == 0 ? text : $"{text} {Capitalize(durations)}.";
    }

    /// <summary>The accessible name of a row in the data-range view: "Oura · sleep, Succeeded. Data range 2025-09-05 to 2026-03-04, 171 / 180 days with data (95%)."</summary>
    public static string RangeLabel(RangeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"{row.Entry.Label}, {row.Style.Label}. {RangeText(row.Entry)}, {row.DaysText}.";
    }

    /// <summary>
    /// "Data range 2025-09-05 to 2026-03-04" (UTC days: ranges usually run midnight to midnight UTC, and another zone
    /// would shift them by a day), or "No data range".
    /// </summary>
    public static string RangeText(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.RangeStart is { } start && entry.RangeEnd is { } end
            ? $"Data range {TimelineText.Date(start, TimeZoneInfo.Utc)} to {TimelineText.Date(end, TimeZoneInfo.Utc)}"
            : "No data range";
    }

    /// <summary>"171 / 180 days" (the short form at the end of a range row), or "no range".</summary>
    public static string ShortDays(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.DaysInRange is { } days
            ? FormattableString.Invariant($"{entry.DaysWithData} / {days} days")
            : FormattableString.Invariant($"{entry.DaysWithData} days");
    }

    /// <summary>A time in UTC, and in <paramref name="zone"/> too when that isn't UTC.</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimelineText.IsUtc(zone) ? TimelineText.Utc(time) : $"{TimelineText.Utc(time)} ({TimelineText.InZone(time, zone)})";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
