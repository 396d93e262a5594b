using System.Globalization;

namespace Dashboard.Diagnosis;

/// <summary>Small, culture-invariant wording helpers for findings and headlines.</summary>
internal static class Text
{
    /// <summary>"1 pull", "2 pulls"; <paramref name="plural"/> defaults to the singular plus "s".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>
    /// A rough duration for a sentence: "less than a minute", "45 minutes", "6 hours", "6 hours 30 minutes",
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

    /// <summary>"2025-11-28 10:00 UTC".</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Two times that are out of order: to the minute ("2026-11-26 08:00 UTC") when that shows the order, else to the
    /// second, so a sentence never reads "started (09:00) before it was scheduled (09:00)".
    /// </summary>
    public static (string Earlier, string Later) UtcOutOfOrder(DateTimeOffset first, DateTimeOffset second)
    {
        if (Utc(first) != Utc(second))
        {
            return (Utc(first), Utc(second));
        }

        static string Seconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return (Seconds(first), Seconds(second));
    }

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
}
