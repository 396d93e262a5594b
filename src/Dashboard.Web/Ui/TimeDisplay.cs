using System.Globalization;
using Humanizer;

namespace Dashboard.Web.Ui;

/// <summary>
/// The circuit's time display: the mode from the URL and the browser's zone, asked once. Times are stored and
/// computed in UTC everywhere; this is the only place that converts them for people. The exact UTC time is
/// always available for hover text.
/// </summary>
public sealed class TimeDisplay(TimeProvider timeProvider)
{
    public TimeDisplayMode Mode { get; private set; }

    /// <summary>The browser's zone once known; UTC until then (and when the browser's zone is unknown here).</summary>
    public TimeZoneInfo LocalZone { get; private set; } = TimeZoneInfo.Utc;

    public bool LocalZoneKnown { get; private set; }

    public event Action? Changed;

    /// <summary>The zone times are shown in: the browser's in Local mode, else UTC.</summary>
    public TimeZoneInfo DisplayZone => Mode == TimeDisplayMode.Local ? LocalZone : TimeZoneInfo.Utc;

    public static TimeDisplayMode Parse(string? tz) => tz?.Trim().ToLowerInvariant() switch
    {
        "local" => TimeDisplayMode.Local,
        "relative" => TimeDisplayMode.Relative,
        _ => TimeDisplayMode.Utc,
    };

    /// <summary>The <c>tz</c> value for links, or null for the default (UTC), so default links stay short.</summary>
    public static string? ToQueryValue(TimeDisplayMode mode) => mode switch
    {
        TimeDisplayMode.Local => "local",
        TimeDisplayMode.Relative => "relative",
        _ => null,
    };

    public void SetMode(TimeDisplayMode mode)
    {
        if (mode != Mode)
        {
            Mode = mode;
            Changed?.Invoke();
        }
    }

    /// <summary>Records the browser's IANA zone; an id this server cannot resolve leaves UTC and says so.</summary>
    public void SetLocalZone(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || !TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            return;
        }

        LocalZone = zone;
        LocalZoneKnown = true;
        Changed?.Invoke();
    }

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>
    /// What the times written now depend on: the mode, the zone and whether it is known, and (relative times, "3 hours
    /// ago") the minute. Markup kept across renders is written again when this changes.
    /// </summary>
    public (TimeDisplayMode Mode, TimeZoneInfo Zone, bool ZoneKnown, long Minute) WrittenAs =>
        (Mode, LocalZone, LocalZoneKnown, Mode == TimeDisplayMode.Relative ? Now.UtcTicks / TimeSpan.TicksPerMinute : 0);

    /// <summary>A time as the current mode shows it; "–" for none.</summary>
    public string Format(DateTimeOffset? time, bool withSeconds = false)
    {
        if (time is not { } t)
        {
            return "–";
        }

        return Mode switch
        {
            TimeDisplayMode.Relative => t.ToUniversalTime().Humanize(Now, CultureInfo.InvariantCulture),
            TimeDisplayMode.Local => FormatIn(t, LocalZone, withSeconds) + (LocalZoneKnown ? string.Empty : " UTC"),
            _ => FormatIn(t, TimeZoneInfo.Utc, withSeconds) + " UTC",
        };
    }

    /// <summary>The exact time for hover text: UTC to the second, plus the browser's zone in Local mode.</summary>
    public string Exact(DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return string.Empty;
        }

        var utc = t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return Mode == TimeDisplayMode.Local && LocalZoneKnown && LocalZone != TimeZoneInfo.Utc
            ? $"{utc} ({FormatIn(t, LocalZone, withSeconds: true)} {LocalZone.Id})"
            : utc;
    }

    private static string FormatIn(DateTimeOffset time, TimeZoneInfo zone, bool withSeconds)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return local.ToString(withSeconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
