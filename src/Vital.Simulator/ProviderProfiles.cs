using System.Collections.Frozen;

namespace Vital.Simulator;

/// <summary>How Vital reaches a provider's data, which decides manual refresh, external ids and the usual errors.</summary>
internal enum ProviderKind
{
    /// <summary>Polled through the provider's API after an OAuth sign-in; a manual refresh reaches it.</summary>
    OAuth,

    /// <summary>Polled with the user's provider password or email; a manual refresh reaches it; passwords expire.</summary>
    Password,

    /// <summary>The provider pushes data to Vital (Garmin); nothing to refresh.</summary>
    Push,

    /// <summary>Junction's mobile SDK on the user's phone (HealthKit, Health Connect, Bluetooth devices): no external id, never refreshed.</summary>
    MobileSdk,

    /// <summary>Data the customer sends through the API.</summary>
    Manual,
}

/// <summary>
/// What the connections endpoint says about each provider beyond the catalog: display name, logo, kind, and the
/// OAuth scopes its resources need (providers without scopes report every resource available, requirements null).
/// </summary>
internal static class ProviderProfiles
{
    private const string LogoBase = "https://storage.googleapis.com/vital-assets/";

    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["oura"] = "Oura", ["fitbit"] = "Fitbit", ["garmin"] = "Garmin", ["whoop"] = "WHOOP", ["strava"] = "Strava",
        ["renpho"] = "Renpho", ["peloton"] = "Peloton", ["wahoo"] = "Wahoo", ["zwift"] = "Zwift",
        ["freestyle_libre"] = "FreeStyle Libre", ["abbott_libreview"] = "Abbott LibreView", ["tandem_source"] = "Tandem Source",
        ["freestyle_libre_ble"] = "FreeStyle Libre BLE", ["eight_sleep"] = "Eight Sleep", ["withings"] = "Withings",
        ["apple_health_kit"] = "Apple HealthKit", ["manual"] = "Manual", ["ihealth"] = "iHealth", ["google_fit"] = "Google Fit",
        ["beurer_api"] = "Beurer", ["beurer_ble"] = "Beurer BLE", ["omron"] = "Omron", ["omron_ble"] = "Omron BLE",
        ["onetouch_ble"] = "OneTouch BLE", ["accuchek_ble"] = "Accu-Chek BLE", ["contour_ble"] = "Contour BLE",
        ["dexcom"] = "Dexcom G6 And Older", ["dexcom_v3"] = "Dexcom", ["hammerhead"] = "Hammerhead",
        ["my_fitness_pal"] = "MyFitnessPal", ["health_connect"] = "Health Connect", ["samsung_health"] = "Samsung Health",
        ["polar"] = "Polar", ["cronometer"] = "Cronometer", ["kardia"] = "Kardia", ["whoop_v2"] = "WHOOP",
        ["ultrahuman"] = "Ultrahuman", ["my_fitness_pal_v2"] = "MyFitnessPal", ["map_my_fitness"] = "Map My Fitness",
        ["runkeeper"] = "Runkeeper", ["google_health"] = "Google Health", [ProviderCatalog.UnknownProviderSlug] = "Junction Ring",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> MobileSdk = FrozenSet.Create(StringComparer.Ordinal,
        "apple_health_kit", "health_connect", "samsung_health",
        "freestyle_libre_ble", "beurer_ble", "omron_ble", "onetouch_ble", "accuchek_ble", "contour_ble");

    private static readonly FrozenSet<string> Password = FrozenSet.Create(StringComparer.Ordinal,
        "abbott_libreview", "freestyle_libre", "tandem_source", "dexcom", "my_fitness_pal", "renpho", "beurer_api",
        "eight_sleep", "peloton", "zwift");

    // slug -> (optional scope, required scope -> resources that need it). Resources not listed need no scope.
    private static readonly FrozenDictionary<string, (string? Optional, FrozenDictionary<string, string> ScopeOf)> Scopes =
        new (string Slug, string? Optional, (string Scope, string[] Resources)[] Required)[]
        {
            ("oura", "personal",
            [
                ("daily", ["sleep", "activity", "hrv", "body_temperature", "body_temperature_delta", "stress_level", "respiratory_rate"]),
                ("workout", ["workouts"]), ("heartrate", ["heartrate"]), ("spo2Daily", ["blood_oxygen"]),
            ]),
            ("fitbit", "location",
            [
                ("sleep", ["sleep"]), ("activity", ["activity", "workouts", "steps", "calories_active", "distance", "floors_climbed"]),
                ("heartrate", ["heartrate", "hrv"]), ("weight", ["body", "weight"]), ("oxygen_saturation", ["blood_oxygen"]),
                ("respiratory_rate", ["respiratory_rate"]), ("nutrition", ["water"]),
            ]),
            ("garmin", "HISTORICAL_DATA_EXPORT",
            [
                ("HEALTH_EXPORT", ["sleep", "body", "heartrate", "hrv", "stress_level", "blood_oxygen", "respiratory_rate", "menstrual_cycle"]),
                ("ACTIVITY_EXPORT", ["activity", "workouts", "steps", "calories_active", "distance"]),
            ]),
            ("whoop", "read:body_measurement", Whoop()),
            ("whoop_v2", "read:body_measurement", Whoop()),
            ("strava", "profile:read_all", [("activity:read_all", ["workouts", "workout_stream", "activity"])]),
            ("withings", "user.sleepevents",
            [
                ("user.metrics", ["body", "weight", "fat", "blood_pressure", "heartrate", "body_temperature", "electrocardiogram"]),
                ("user.activity", ["sleep", "activity", "workouts"]),
            ]),
            ("google_fit", "fitness.location.read", GoogleFitness()),
            ("google_health", "fitness.location.read", GoogleFitness()),
            ("polar", null, [("accesslink.read_all", ["sleep", "activity", "workouts", "heartrate", "hrv"])]),
        }.ToFrozenDictionary(
            p => p.Slug,
            p => (p.Optional, p.Required.SelectMany(s => s.Resources.Select(r => (r, s.Scope))).ToFrozenDictionary(x => x.r, x => x.Scope, StringComparer.Ordinal)),
            StringComparer.Ordinal);

    public static string NameOf(string slug) => Names[slug];

    public static string LogoOf(string slug) => LogoBase + slug + ".png";

    public static ProviderKind KindOf(string slug) => slug switch
    {
        "garmin" => ProviderKind.Push,
        "manual" => ProviderKind.Manual,
        _ when MobileSdk.Contains(slug) => ProviderKind.MobileSdk,
        _ when Password.Contains(slug) => ProviderKind.Password,
        _ => ProviderKind.OAuth,
    };

    /// <summary>Whether the provider asks the user for scopes at all (then every resource carries scope requirements).</summary>
    public static bool HasScopes(string slug) => Scopes.ContainsKey(slug);

    /// <summary>The scope a resource needs, or null (no scopes, or a resource the table does not map).</summary>
    public static string? RequiredScopeOf(string slug, string resource) =>
        Scopes.TryGetValue(slug, out var scopes) && scopes.ScopeOf.TryGetValue(resource, out var scope) ? scope : null;

    /// <summary>A scope the user may grant or deny without losing a resource (Garmin's <c>spo2Daily</c> in the spec's example).</summary>
    public static string? OptionalScopeOf(string slug) => Scopes.TryGetValue(slug, out var scopes) ? scopes.Optional : null;

    /// <summary>Every known slug has a name: checked when the catalog is built.</summary>
    public static bool IsNamed(string slug) => Names.ContainsKey(slug);

    private static (string, string[])[] Whoop() =>
    [
        ("read:sleep", ["sleep"]), ("read:workout", ["workouts"]), ("read:cycles", ["activity"]),
        ("read:recovery", ["heartrate", "hrv", "respiratory_rate", "blood_oxygen", "body_temperature"]),
    ];

    private static (string, string[])[] GoogleFitness() =>
    [
        ("fitness.activity.read", ["activity", "workouts", "steps", "distance", "calories_active"]),
        ("fitness.sleep.read", ["sleep"]), ("fitness.heart_rate.read", ["heartrate"]), ("fitness.body.read", ["body"]),
    ];
}
