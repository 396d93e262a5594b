using System.Collections.Frozen;
using Vital.Introspection;

namespace Vital.Simulator;

/// <summary>One provider as the simulated team uses it: how popular it is, what it pulls, and its default window.</summary>
internal sealed record SimulatedProvider(int Index, string Slug, double Weight, int WindowDays, IReadOnlyList<string> Resources)
{
    /// <summary>Resources whose default window differs from the provider's (Fitbit's activity and heart-rate series: 14 days).</summary>
    public IReadOnlyDictionary<string, int> ResourceWindows { get; init; } = FrozenDictionary<string, int>.Empty;

    public int WindowFor(string resource) => ResourceWindows.TryGetValue(resource, out var days) ? days : WindowDays;

    public string Name => ProviderProfiles.NameOf(Slug);

    public string Logo => ProviderProfiles.LogoOf(Slug);

    public ProviderKind Kind => ProviderProfiles.KindOf(Slug);

    /// <summary>Polled by Vital, so a manual refresh reaches it (not push providers, not the mobile SDK's).</summary>
    public bool IsPolling => Kind is ProviderKind.OAuth or ProviderKind.Password;
}

/// <summary>
/// The providers of the upstream spec (<see cref="ProviderSlug.Known"/>) plus one slug the spec does not know yet,
/// with a skewed popularity (a few wearables and phone platforms hold most users, a long tail holds few),
/// resources that fit each provider, and the default pull windows from Vital's docs.
/// </summary>
internal static class ProviderCatalog
{
    /// <summary>A provider Vital might add tomorrow; only the <c>unknown_provider</c> scenario uses it.</summary>
    public const string UnknownProviderSlug = "junction_ring";

    /// <summary>A resource name the spec does not list; only the <c>unknown_resource</c> scenario uses it.</summary>
    public const string UnknownResourceName = "skin_temperature";

    /// <summary>Vital's docs give no window for these; 90 days is the most common default.</summary>
    private const int DefaultWindowDays = 90;

    private static readonly string[] Glucose = ["glucose"];
    private static readonly string[] Workouts = ["workouts", "workout_stream"];
    private static readonly string[] Scale = ["body", "weight", "fat"];
    private static readonly string[] BloodPressure = ["blood_pressure", "heartrate"];
    private static readonly string[] Nutrition = ["meal", "water", "body"];

    // slug -> (weight, window days, resources). Weights are relative shares of connections.
    private static readonly (string Slug, double Weight, int Window, string[] Resources)[] Table =
    [
        ("oura", 12, 180, ["sleep", "activity", "workouts", "heartrate", "hrv", "body_temperature", "body_temperature_delta", "blood_oxygen", "stress_level", "respiratory_rate"]),
        ("fitbit", 15, 90, ["sleep", "activity", "workouts", "body", "heartrate", "hrv", "steps", "calories_active", "distance", "floors_climbed", "blood_oxygen", "weight", "respiratory_rate", "water"]),
        ("garmin", 14, 90, ["sleep", "activity", "workouts", "body", "heartrate", "hrv", "steps", "stress_level", "blood_oxygen", "respiratory_rate", "calories_active", "distance", "menstrual_cycle"]),
        ("whoop", 0.8, 180, ["sleep", "activity", "workouts", "heartrate", "hrv", "respiratory_rate"]),
        ("strava", 3, 14, ["workouts", "workout_stream", "activity"]),
        ("renpho", 0.5, DefaultWindowDays, Scale),
        ("peloton", 1.2, 180, Workouts),
        ("wahoo", 0.4, 180, Workouts),
        ("zwift", 0.4, 270, Workouts),
        ("freestyle_libre", 1.5, DefaultWindowDays, Glucose),
        ("abbott_libreview", 0.8, 90, Glucose),
        ("tandem_source", 0.2, DefaultWindowDays, ["glucose", "insulin_injection"]),
        ("freestyle_libre_ble", 0.3, DefaultWindowDays, Glucose),
        ("eight_sleep", 0.6, 90, ["sleep", "heartrate", "hrv", "respiratory_rate", "body_temperature"]),
        ("withings", 3, 90, ["body", "weight", "fat", "blood_pressure", "sleep", "heartrate", "activity", "workouts", "body_temperature", "electrocardiogram"]),
        ("apple_health_kit", 18, 30,
        [
            "activity", "sleep", "workouts", "workout_stream", "body", "heartrate", "hrv", "steps", "distance", "calories_active",
            "calories_basal", "floors_climbed", "blood_oxygen", "respiratory_rate", "vo2_max", "weight", "fat", "glucose",
            "blood_pressure", "mindfulness_minutes", "water", "menstrual_cycle", "stand_hour", "electrocardiogram", "afib_burden",
        ]),
        ("manual", 0.1, DefaultWindowDays, ["weight", "body"]),
        ("ihealth", 0.3, DefaultWindowDays, ["blood_pressure", "weight", "glucose", "blood_oxygen"]),
        ("google_fit", 1.2, 90, ["activity", "sleep", "workouts", "body", "heartrate", "steps", "distance", "calories_active"]),
        ("beurer_api", 0.2, DefaultWindowDays, BloodPressure),
        ("beurer_ble", 0.1, DefaultWindowDays, BloodPressure),
        ("omron", 0.6, DefaultWindowDays, BloodPressure),
        ("omron_ble", 0.2, DefaultWindowDays, BloodPressure),
        ("onetouch_ble", 0.1, DefaultWindowDays, Glucose),
        ("accuchek_ble", 0.1, DefaultWindowDays, Glucose),
        ("contour_ble", 0.1, DefaultWindowDays, Glucose),
        ("dexcom", 0.7, 30, Glucose),
        ("dexcom_v3", 1.8, 30, Glucose),
        ("hammerhead", 0.2, 30, Workouts),
        ("my_fitness_pal", 0.4, 14, Nutrition),
        ("health_connect", 10, 30,
        [
            "activity", "sleep", "workouts", "body", "heartrate", "hrv", "steps", "distance", "calories_active", "calories_basal",
            "floors_climbed", "blood_oxygen", "weight", "fat", "glucose", "blood_pressure", "respiratory_rate", "menstrual_cycle", "water", "meal",
        ]),
        ("samsung_health", 3, DefaultWindowDays, ["activity", "sleep", "workouts", "heartrate", "steps", "blood_oxygen", "body", "stress_level"]),
        ("polar", 1.5, 28, ["sleep", "activity", "workouts", "heartrate", "hrv"]),
        ("cronometer", 0.3, 28, Nutrition),
        ("kardia", 0.2, DefaultWindowDays, ["electrocardiogram", "heartrate"]),
        ("whoop_v2", 4, 180, ["sleep", "activity", "workouts", "heartrate", "hrv", "respiratory_rate", "blood_oxygen", "body_temperature"]),
        ("ultrahuman", 0.8, DefaultWindowDays, ["sleep", "activity", "heartrate", "hrv", "body_temperature", "steps"]),
        ("my_fitness_pal_v2", 0.9, 14, Nutrition),
        ("map_my_fitness", 0.2, DefaultWindowDays, Workouts),
        ("runkeeper", 0.2, DefaultWindowDays, Workouts),
        ("google_health", 0.3, DefaultWindowDays, ["activity", "sleep", "heartrate", "steps"]),
        (UnknownProviderSlug, 0, DefaultWindowDays, ["sleep", "activity", "hrv"]),
    ];

    public static IReadOnlyList<SimulatedProvider> All { get; } = Build();

    public static FrozenDictionary<string, SimulatedProvider> BySlug { get; } =
        All.ToFrozenDictionary(p => p.Slug, StringComparer.Ordinal);

    /// <summary>Cumulative weights for drawing a provider, over providers with a weight.</summary>
    private static readonly double[] Cumulative = BuildCumulative();

    public static SimulatedProvider Get(string slug) => BySlug[slug];

    /// <summary>One provider, drawn by popularity.</summary>
    public static SimulatedProvider Draw(ref DeterministicRandom random)
    {
        // A linear scan: the first bucket whose upper edge is above x never has zero weight.
        var x = random.NextDouble() * Cumulative[^1];
        for (var i = 0; i < Cumulative.Length; i++)
        {
            if (x < Cumulative[i])
            {
                return All[i];
            }
        }

        return All[0];
    }

    private static IReadOnlyList<SimulatedProvider> Build()
    {
        var known = ProviderSlug.Known.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var listed = Table.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        if (!known.IsSubsetOf(listed) || listed.Count != known.Count + 1)
        {
            throw new InvalidOperationException("The simulator's provider table must cover ProviderSlug.Known exactly, plus the unknown provider.");
        }

        var knownResources = ResourceName.Known.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        var providers = new List<SimulatedProvider>(Table.Length);
        foreach (var (slug, weight, window, resources) in Table)
        {
            if (!ProviderProfiles.IsNamed(slug))
            {
                throw new InvalidOperationException($"The simulator's provider '{slug}' has no display name in ProviderProfiles.");
            }

            if (resources.FirstOrDefault(r => !knownResources.Contains(r)) is { } stray)
            {
                throw new InvalidOperationException($"The simulator's resource '{stray}' for '{slug}' is not in ResourceName.Known.");
            }

            var windows = slug == "fitbit"
                ? new Dictionary<string, int> { ["activity"] = 14, ["heartrate"] = 14 }.ToFrozenDictionary()
                : FrozenDictionary<string, int>.Empty;
            providers.Add(new SimulatedProvider(providers.Count, slug, weight, window, resources) { ResourceWindows = windows });
        }

        if (providers.Count > 64)
        {
            throw new InvalidOperationException("Provider sets are kept as 64-bit masks.");
        }

        return providers;
    }

    private static double[] BuildCumulative()
    {
        var cumulative = new double[All.Count];
        var sum = 0.0;
        for (var i = 0; i < All.Count; i++)
        {
            sum += All[i].Weight;
            cumulative[i] = sum;
        }

        return cumulative;
    }
}
