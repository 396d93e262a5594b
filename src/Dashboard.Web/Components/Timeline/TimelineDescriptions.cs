using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;

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
        var to = segment.Kind is TimelineSegmentKind.RunningNow or TimelineSegmentKind.WaitingNow ? "now" : TimeZoneFormatter.UtcAndZone(segment.To, zone);
        return $"{KindName(segment.Kind)} {TextFormatter.ShortDuration(segment.Duration)}: {TimeZoneFormatter.UtcAndZone(segment.From, zone)} → {to}";
    }

    /// <summary>
    /// The accessible name of a row in the pull view, e.g. "Oura · sleep, Succeeded. Scheduled 2026-03-04 10:00:00 UTC,
    /// started 2026-03-04 10:01:00 UTC, ended 2026-03-04 10:05:00 UTC. Waited 1 min, ran 4 min." It starts with the
    /// row's visible text in the order it is drawn (label, a note when there are no times, status), so what a person
    /// sees is what a voice user says. Times in UTC only, to keep it short to listen to; the details panel has the
    /// display zone too.
    /// </summary>
    public static string PullLabel(TimelineRow row, bool oneProvider = false)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entry = row.Entry;
        var times = string.Join(", ", new[]
        {
            entry.ScheduledAt is { } s ? $"scheduled {TextFormatter.UtcSeconds(s)}" : null,
            entry.StartedAt is { } st ? $"started {TextFormatter.UtcSeconds(st)}" : "not started",
            entry.EndedAt is { } e ? $"ended {TextFormatter.UtcSeconds(e)}" : row.IsRunningNow ? "still running" : null,
        }.OfType<string>());
        var durations = string.Join(", ", new[]
        {
            row.Waiting is { } w ? $"{(row.IsWaitingNow ? "waiting for" : "waited")} {TextFormatter.ShortDuration(w)}" : null,
            row.Running is { } r ? $"{(row.IsRunningNow ? "running for" : "ran")} {TextFormatter.ShortDuration(r)}" : null,
        }.OfType<string>());

        var note = row.Segments.Count == 0 && row.MarkerX is null ? $"{NoTimes}, " : string.Empty;
        var text = $"{Shown(entry, oneProvider)}, {note}{row.Style.Label}. {From(entry, oneProvider)}{Capitalize(times)}.";
        return durations.Length == 0 ? text : $"{text} {Capitalize(durations)}.";
    }

    /// <summary>What a pull row says when Vital sent none of its times.</summary>
    public const string NoTimes = "No times reported";

    /// <summary>
    /// The accessible name of a row in the data-range view, its visible text first in the order drawn: "Oura · sleep,
    /// 171 / 180 days. 171 / 180 days with data (95%), Data range 2025-09-05 to 2026-03-04. Succeeded." A row without a
    /// range shows its note first: "Oura · sleep, No range yet, 0 days. …".
    /// </summary>
    public static string RangeLabel(RangeRow row, bool oneProvider = false)
    {
        ArgumentNullException.ThrowIfNull(row);
        var note = row.X is null ? $"{row.DaysText}, " : string.Empty;
        return $"{Shown(row.Entry, oneProvider)}, {note}{ShortDays(row.Entry)}. {From(row.Entry, oneProvider)}{row.DaysText}, {RangeText(row.Entry)}. {row.Style.Label}.";
    }

    /// <summary>
    /// What a row's label column shows: "Oura · sleep", or "sleep" when the timeline fits one provider (its caption
    /// names the provider).
    /// </summary>
    public static string Shown(TimelineEntry entry, bool oneProvider)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return oneProvider ? entry.ResourceDisplayName : entry.Label;
    }

    /// <summary>The provider, said after what the row shows when the row itself does not show it: "From Oura. ".</summary>
    private static string From(TimelineEntry entry, bool oneProvider) =>
        oneProvider ? $"From {entry.ProviderDisplayName}. " : string.Empty;

    /// <summary>
    /// "Data range 2025-09-05 to 2026-03-04" (UTC days: ranges usually run midnight to midnight UTC, and another zone
    /// would shift them by a day), or "No data range".
    /// </summary>
    public static string RangeText(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.RangeStart is { } start && entry.RangeEnd is { } end
            ? $"Data range {TimeZoneFormatter.Date(start, TimeZoneInfo.Utc)} to {TimeZoneFormatter.Date(end, TimeZoneInfo.Utc)}"
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

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"Oura's pulls, 2026-03-01 to 2026-03-04, times in UTC": what the axis shows.</summary>
    public static string Caption(TimelineAxis? axis, TimeZoneInfo zone, string? zoomedProvider = null)
    {
        var inZone = $"times in {TimeZoneFormatter.ZoneName(zone)}";
        var whose = zoomedProvider is null ? string.Empty : $"{ProviderKnowledge.ProviderDisplayName(zoomedProvider)}'s pulls, ";
        if (axis is null)
        {
            return whose.Length == 0 ? $"No data ranges reported yet, {inZone}" : $"{whose}no data ranges reported yet, {inZone}";
        }

        var first = TimeZoneFormatter.Date(axis.Start, zone);
        var last = TimeZoneFormatter.Date(axis.End, zone);
        return first == last ? $"{whose}{first}, {inZone}" : $"{whose}{first} to {last}, {inZone}";
    }

    /// <summary>The statuses on screen, in legend order (worst first), unknown values last and verbatim.</summary>
    public static IReadOnlyList<StatusStyle> StatusesShown(TimelineLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var legend = StatusPalette.Legend.ToList();
        return [.. layout.Rows
            .Select(r => r.Style)
            .DistinctBy(s => s.Status)
            .OrderBy(s => legend.IndexOf(s) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(s => s.Status?.Value, StringComparer.Ordinal)];
    }
}
