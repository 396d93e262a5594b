using System.Globalization;
using Dashboard.Diagnosis;

namespace Dashboard.Web.Components.Shared;

/// <summary>Formats instants in a display zone, culture-invariant: exact times, calendar days, offsets and zone names.</summary>
public static class TimeZoneFormatter
{
    /// <summary>"2026-03-04 11:01:00 Europe/Paris (UTC+01:00)".</summary>
    public static string InZone(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return FormattableString.Invariant($"{local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {zone.Id} ({Offset(local.Offset)})");
    }

    /// <summary>"2026-03-04", the calendar day in <paramref name="zone"/>.</summary>
    public static string Date(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>"UTC+01:00", "UTC-05:30", "UTC+00:00".</summary>
    public static string Offset(TimeSpan offset) =>
        FormattableString.Invariant($"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    /// <summary>True when <paramref name="zone"/> keeps UTC's rules (UTC itself, Etc/UTC, GMT without daylight saving).</summary>
    public static bool IsUtc(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.HasSameRules(TimeZoneInfo.Utc);
    }

    /// <summary>"UTC" or the zone's id, for captions ("Times in Europe/Paris").</summary>
    public static string ZoneName(TimeZoneInfo zone) => IsUtc(zone) ? "UTC" : zone.Id;

    /// <summary>A time in UTC to the second, and in <paramref name="zone"/> too when that isn't UTC.</summary>
    public static string UtcAndZone(DateTimeOffset time, TimeZoneInfo zone) =>
        IsUtc(zone) ? TextFormatter.UtcSeconds(time) : $"{TextFormatter.UtcSeconds(time)} ({InZone(time, zone)})";
}
