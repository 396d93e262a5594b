using System.Globalization;

namespace Dashboard.Web.Components.Timeline;

/// <summary>Culture-invariant wording for the timeline: exact times, zones and short durations.</summary>
public static partial class TimelineText
{
    /// <summary>
    /// Two units at most, abbreviated: "0 s", "45 s", "3 min 12 s", "2 h 5 min", "1 day 4 h", "3 days". From a week up,
    /// whole days only. Negative durations read as "0 s".
    /// </summary>
    public static string Duration(TimeSpan duration)
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

    /// <summary>"2026-03-04 10:01:00 UTC".</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2026-03-04 11:01:00 Europe/Paris (UTC+01:00)".</summary>
    public static string InZone(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return Invariant($"{local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {zone.Id} ({Offset(local.Offset)})");
    }

    /// <summary>"2026-03-04", the calendar day in <paramref name="zone"/>.</summary>
    public static string Date(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>"UTC+01:00", "UTC-05:30", "UTC+00:00".</summary>
    public static string Offset(TimeSpan offset) =>
        Invariant($"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    /// <summary>True when <paramref name="zone"/> keeps UTC's rules (UTC itself, Etc/UTC, GMT without daylight saving).</summary>
    public static bool IsUtc(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.HasSameRules(TimeZoneInfo.Utc);
    }

    /// <summary>"UTC" or the zone's id, for captions ("Times in Europe/Paris").</summary>
    public static string ZoneName(TimeZoneInfo zone) => IsUtc(zone) ? "UTC" : zone.Id;

    /// <summary>"95%", "0.5%": whole percent from 1 % up.</summary>
    public static string Percent(double ratio)
    {
        var percent = ratio * 100;
        return percent is > 0 and < 1
            ? percent.ToString("0.#", CultureInfo.InvariantCulture) + "%"
            : Math.Round(percent).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxLength"/> characters, ending in "…" when it was longer.</summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
    }

    private static string Pair(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? Invariant($"{major} {majorUnit}") : Invariant($"{major} {majorUnit} {minor} {minorUnit}");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>"26 min 45 s" with no-break spaces inside "26 min" and "45 s", so a wrapping cell breaks only between them.</summary>
    public static string KeepUnitsTogether(string text) => NumberThenSpace().Replace(text, "$1\u00A0");

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d) ")]
    private static partial System.Text.RegularExpressions.Regex NumberThenSpace();
}
