using System.Globalization;

namespace Dashboard.Diagnosis;

/// <summary>
/// Formats numbers, durations, times and lists for people, the same way in findings, pages and exports, whatever the
/// server's culture: the one vocabulary of the dashboard.
/// </summary>
public static partial class TextFormatter
{
    /// <summary>"1,200": thousands separated, the same digits in every culture.</summary>
    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 pull", "1,200 pulls"; <paramref name="plural"/> defaults to the singular plus "s".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{Count(count)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
        };
    }

    /// <summary>
    /// A rough duration in words, for a sentence: "less than a minute", "45 minutes", "6 hours", "6 hours 30 minutes",
    /// "2 days", "2 days 3 hours". Negative durations read as zero.
    /// </summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return "less than a minute";
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return Count((int)duration.TotalMinutes, "minute");
        }

        if (duration < TimeSpan.FromDays(1))
        {
            var hours = Count((int)duration.TotalHours, "hour");
            return duration.Minutes == 0 ? hours : $"{hours} {Count(duration.Minutes, "minute")}";
        }

        var days = Count((int)duration.TotalDays, "day");
        return duration.Hours == 0 ? days : $"{days} {Count(duration.Hours, "hour")}";
    }

    /// <summary>
    /// A short duration for a cell, a bar or a tooltip, two units at most: "0 s", "45 s", "3 min 12 s", "2 h 5 min",
    /// "1 day 4 h", "3 days" (from a week up, whole days only). Negative durations read as "0 s".
    /// </summary>
    public static string ShortDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration > TimeSpan.Zero ? "< 1 s" : "0 s";
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return Invariant($"{duration.Seconds} s");
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return Pair(duration.Minutes, "min", duration.Seconds, "s");
        }

        if (duration < TimeSpan.FromDays(1))
        {
            return Pair(duration.Hours, "h", duration.Minutes, "min");
        }

        var days = (int)duration.TotalDays;
        var dayText = days == 1 ? "1 day" : Invariant($"{days} days");
        return days >= 7 || duration.Hours == 0 ? dayText : Invariant($"{dayText} {duration.Hours} h");
    }

    /// <summary>As <see cref="ShortDuration(TimeSpan)"/>, with "–" for an unknown or negative duration.</summary>
    public static string ShortDuration(TimeSpan? duration) =>
        duration is { } d && d >= TimeSpan.Zero ? ShortDuration(d) : "–";

    /// <summary>"3 min 12 s so far": the duration of something still running or waiting.</summary>
    public static string SoFar(TimeSpan duration) => $"{ShortDuration(duration)} so far";

    /// <summary>"2025-11-28 10:00 UTC".</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2025-11-28 10:00:12 UTC".</summary>
    public static string UtcSeconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2025-11-28": the calendar day in UTC.</summary>
    public static string UtcDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Two times that are out of order: to the minute ("2026-11-26 08:00 UTC") when that shows the order, else to the
    /// second, so a sentence never reads "started (09:00) before it was scheduled (09:00)".
    /// </summary>
    public static (string Earlier, string Later) UtcOutOfOrder(DateTimeOffset first, DateTimeOffset second) =>
        Utc(first) != Utc(second) ? (Utc(first), Utc(second)) : (UtcSeconds(first), UtcSeconds(second));

    /// <summary>"6%", "0.5%" (whole percent from 1% up).</summary>
    public static string Percent(double ratio)
    {
        var percent = ratio * 100;
        return percent is > 0 and < 1
            ? percent.ToString("0.#", CultureInfo.InvariantCulture) + "%"
            : Math.Round(percent).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Hours rounded to one decimal, for evidence.</summary>
    public static double Hours(TimeSpan duration) => Math.Round(duration.TotalHours, 1);

    /// <summary>Quoted verbatim: 'value'.</summary>
    public static string Quote(string value) => $"'{value}'";

    /// <summary>"26 min 45 s" with no-break spaces inside "26 min" and "45 s", so a wrapping cell breaks only between them.</summary>
    public static string KeepUnitsTogether(string text) => NumberThenSpace().Replace(text, "$1\u00A0");

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d) ")]
    private static partial System.Text.RegularExpressions.Regex NumberThenSpace();

    private static string Pair(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? Invariant($"{major} {majorUnit}") : Invariant($"{major} {majorUnit} {minor} {minorUnit}");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
