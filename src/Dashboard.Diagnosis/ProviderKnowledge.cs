using System.Collections.Frozen;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// What Vital documents about individual providers (CONTRACT.md, "Domain knowledge"), in one table so it is easy to
/// update: display names, default historical-pull windows, and the notes a support person needs (Garmin sends data
/// after reporting completion, Dexcom G6 and older keep one day, some providers pull only a few weeks).
/// Unknown providers and resources are shown verbatim and carry no notes.
/// </summary>
public static class ProviderKnowledge
{
    /// <summary>Windows of at most this many days count as short: they explain a small <c>days_with_data</c>.</summary>
    public const int ShortWindowDays = 30;

    /// <summary>The longest window a team can configure.</summary>
    public const int MaxConfigurableWindowDays = 365;

    /// <summary>
    /// How long after a Garmin pull ends this dashboard still calls its missing data "probably on its way". Vital
    /// documents that the data follows the completion, not how long it takes: this is the dashboard's own choice.
    /// </summary>
    public static TimeSpan GarminDataGrace { get; } = TimeSpan.FromHours(48);

    private const string Garmin = "garmin";

    /// <summary>Providers whose data comes through the customer's app on the user's phone (Vital's SDK), not by polling.</summary>
    private static readonly FrozenSet<string> SdkProviders = new[] { "apple_health_kit", "health_connect", "samsung_health" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ProviderFacts> Providers = new Dictionary<string, ProviderFacts>(StringComparer.Ordinal)
    {
        ["oura"] = new("Oura", 180),
        ["fitbit"] = new("Fitbit", 90, new Dictionary<string, int> { ["activity"] = 14, ["heartrate"] = 14 }),
        ["garmin"] = new("Garmin", 90),
        ["whoop"] = new("WHOOP", 180),
        ["whoop_v2"] = new("WHOOP (v2)", 180),
        ["strava"] = new("Strava", 14),
        ["renpho"] = new("Renpho", null),
        ["peloton"] = new("Peloton", 180),
        ["wahoo"] = new("Wahoo", 180),
        ["zwift"] = new("Zwift", 270),
        ["freestyle_libre"] = new("FreeStyle Libre", null),
        ["abbott_libreview"] = new("Abbott LibreView", 90),
        ["tandem_source"] = new("Tandem Source", null),
        ["freestyle_libre_ble"] = new("FreeStyle Libre (Bluetooth)", null),
        ["eight_sleep"] = new("Eight Sleep", 90),
        ["withings"] = new("Withings", 90),
        ["apple_health_kit"] = new("Apple HealthKit", 30),
        ["manual"] = new("Manual entry", null),
        ["ihealth"] = new("iHealth", null),
        ["google_fit"] = new("Google Fit", 90),
        ["beurer_api"] = new("Beurer", null),
        ["beurer_ble"] = new("Beurer (Bluetooth)", null),
        ["omron"] = new("Omron", null),
        ["omron_ble"] = new("Omron (Bluetooth)", null),
        ["onetouch_ble"] = new("OneTouch (Bluetooth)", null),
        ["accuchek_ble"] = new("Accu-Chek (Bluetooth)", null),
        ["contour_ble"] = new("Contour (Bluetooth)", null),
        ["dexcom"] = new("Dexcom", 30, KeepsOneDayOnOlderDevices: true),
        ["dexcom_v3"] = new("Dexcom (v3)", 30, KeepsOneDayOnOlderDevices: true),
        ["hammerhead"] = new("Hammerhead", 30),
        ["my_fitness_pal"] = new("MyFitnessPal", 14),
        ["my_fitness_pal_v2"] = new("MyFitnessPal (v2)", 14),
        ["health_connect"] = new("Health Connect", 30),
        ["samsung_health"] = new("Samsung Health", null),
        ["polar"] = new("Polar", 28),
        ["cronometer"] = new("Cronometer", 28),
        ["kardia"] = new("Kardia", null),
        ["ultrahuman"] = new("Ultrahuman", null),
        ["map_my_fitness"] = new("MapMyFitness", null),
        ["runkeeper"] = new("Runkeeper", null),
        ["google_health"] = new("Google Health", null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Known resources read well with underscores as spaces; these need more than that.
    private static readonly FrozenDictionary<string, string> ResourceNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["heartrate"] = "heart rate",
        ["hrv"] = "HRV",
        ["vo2_max"] = "VO2 max",
        ["afib_burden"] = "AFib burden",
        ["ige"] = "IgE",
        ["igg"] = "IgG",
        ["uv_exposure"] = "UV exposure",
        ["calories_active"] = "active calories",
        ["calories_basal"] = "basal calories",
        ["device_legacy"] = "device (legacy)",
        ["forced_expiratory_volume_1"] = "forced expiratory volume (1 s)",
        ["heart_rate_recovery_one_minute"] = "heart rate recovery (1 min)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>"Oura", "Apple HealthKit", "Fitbit"…; an unknown slug verbatim.</summary>
    public static string ProviderDisplayName(string provider) =>
        Providers.TryGetValue(provider, out var facts) ? facts.DisplayName : provider;

    /// <summary>"sleep", "heart rate", "HRV", "blood oxygen"… (lower-case, to sit inside a sentence); an unknown name verbatim.</summary>
    public static string ResourceDisplayName(string resource)
    {
        if (ResourceNames.TryGetValue(resource, out var name))
        {
            return name;
        }

        return new ResourceName(resource).IsKnown ? resource.Replace('_', ' ') : resource;
    }

    /// <summary>How many days Vital pulls from this provider (and resource) by default, or null when not documented.</summary>
    public static int? DefaultWindowDays(string provider, string resource)
    {
        if (!Providers.TryGetValue(provider, out var facts))
        {
            return null;
        }

        return facts.ResourceWindows is not null && facts.ResourceWindows.TryGetValue(resource, out var days)
            ? days
            : facts.DefaultWindowDays;
    }

    /// <summary>
    /// The data comes from the user's phone through the customer's app (Apple HealthKit, Health Connect, Samsung Health):
    /// it syncs when the app is opened, Vital cannot fetch it, and a manual refresh does not reach it.
    /// </summary>
    public static bool IsSdkProvider(string provider) => SdkProviders.Contains(provider);

    /// <summary>What Vital documents about how this provider's data usually arrives, for a finding about fresh data; null when nothing.</summary>
    public static string? DelayNote(string provider) => provider switch
    {
        "apple_health_kit" => "Apple HealthKit syncs while the customer's app is open; in the background at best hourly, and iOS may defer it to once a day. A read permission the user denied looks exactly like \"no data\".",
        "health_connect" => "Health Connect syncs when the customer's app opens (at most every 2 minutes); background sync is opt-in and Android may defer it.",
        "samsung_health" => "Samsung Health syncs through the customer's app on the phone, when it is opened.",
        Garmin => "Garmin sends data as daily events after the device syncs with Garmin Connect.",
        "fitbit" => "If only activity keeps arriving from Fitbit (estimated from the resting metabolic rate), the device is probably not being worn or not syncing.",
        _ => null,
    };

    /// <summary>What Vital documents about this provider's connections breaking, for a connection finding; null when nothing.</summary>
    public static string? ConnectionNote(string provider) => provider switch
    {
        "google_health" => "While the customer's Google app is in testing, Google expires refresh tokens after 7 days, so connections break weekly until the app is published.",
        "abbott_libreview" => "LibreView passwords rotate at least once a year, which breaks the connection until the user enters the new one.",
        _ => null,
    };

    /// <summary>Garmin reports a historical pull complete before it sends the data.</summary>
    public static bool ReportsCompletionBeforeData(string provider) => provider == Garmin;

    /// <summary>Reconnecting re-runs the historical pull, except for Garmin unless the user is deregistered first.</summary>
    public static bool ReconnectRerunsBackfill(string provider) => provider != Garmin;

    /// <summary>Dexcom G6 and older devices keep one day of history.</summary>
    public static bool MayKeepOnlyOneDay(string provider) =>
        Providers.TryGetValue(provider, out var facts) && facts.KeepsOneDayOnOlderDevices;

    /// <summary>
    /// The notes that explain few or no days of data in a successful pull, in a fixed order (Garmin, Dexcom, short
    /// window). <paramref name="daysInRange"/> keeps the short-window note off a range the team made longer than the default.
    /// </summary>
    public static IReadOnlyList<string> NotesOnSmallData(
        string provider, string resource, int daysWithData, int? daysInRange, DateTimeOffset? endedAt, DateTimeOffset asOf)
    {
        var notes = new List<string>(2);
        var providerName = ProviderDisplayName(provider);

        if (ReportsCompletionBeforeData(provider))
        {
            notes.Add(GarminArrivalNote(endedAt, asOf));
        }

        if (MayKeepOnlyOneDay(provider) && daysWithData <= 1)
        {
            notes.Add($"If the user's {providerName} device is a G6 or older, it keeps only one day of history, so Vital can pull at most 1 day: this result would then be expected.");
        }

        if (DefaultWindowDays(provider, resource) is { } window && window <= ShortWindowDays
            && (daysInRange is null || daysInRange <= window + 1))
        {
            var what = DefaultWindowDays(provider, string.Empty) == window
                ? providerName
                : $"{providerName} {ResourceDisplayName(resource)}";
            notes.Add($"Vital pulls only the last {window} days of {what} by default (a team can configure up to {MaxConfigurableWindowDays}), so a small number of days with data is normal here.");
        }

        return notes;
    }

    /// <summary>For findings whose action is "reconnect": the Garmin exception, or null.</summary>
    public static string? ReconnectNote(string provider) => ReconnectRerunsBackfill(provider)
        ? null
        : $"Reconnecting {ProviderDisplayName(provider)} does not re-run the historical pull unless the user is deregistered first: remove the connection, then ask the user to connect again.";

    private static string GarminArrivalNote(DateTimeOffset? endedAt, DateTimeOffset asOf)
    {
        const string Fact = "Garmin reports a historical pull complete straight away and sends the data afterwards";
        if (endedAt is not { } ended)
        {
            return $"{Fact}, so the data may still be arriving.";
        }

        var since = asOf - ended;
        return since <= GarminDataGrace
            ? $"{Fact}, so few or no days of data just after the pull (this one ended {TextFormatter.Duration(since)} ago) is expected at first; check again later."
            : $"{Fact}; this one ended {TextFormatter.Duration(since)} ago, longer than the {TextFormatter.Duration(GarminDataGrace)} this dashboard allows for the data to follow, so it is probably not coming by itself.";
    }

    private sealed record ProviderFacts(
        string DisplayName,
        int? DefaultWindowDays,
        IReadOnlyDictionary<string, int>? ResourceWindows = null,
        bool KeepsOneDayOnOlderDevices = false);
}
