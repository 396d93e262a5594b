using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>A provider slug such as <c>oura</c>. Open: Vital adds providers without notice.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<ProviderSlug>))]
public readonly record struct ProviderSlug : IOpenString<ProviderSlug>, IComparable<ProviderSlug>
{
    private readonly string? _value;

    public ProviderSlug(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static ProviderSlug Oura { get; } = new("oura");
    public static ProviderSlug Fitbit { get; } = new("fitbit");
    public static ProviderSlug Garmin { get; } = new("garmin");
    public static ProviderSlug Whoop { get; } = new("whoop");
    public static ProviderSlug Strava { get; } = new("strava");
    public static ProviderSlug Dexcom { get; } = new("dexcom");
    public static ProviderSlug DexcomV3 { get; } = new("dexcom_v3");
    public static ProviderSlug MyFitnessPal { get; } = new("my_fitness_pal");
    public static ProviderSlug AppleHealthKit { get; } = new("apple_health_kit");

    /// <summary>The 41 providers of the upstream spec (version 0.4.632), in the spec's order.</summary>
    public static IReadOnlyList<ProviderSlug> Known { get; } =
    [
        .. new[]
        {
            "oura", "fitbit", "garmin", "whoop", "strava", "renpho", "peloton", "wahoo", "zwift",
            "freestyle_libre", "abbott_libreview", "tandem_source", "freestyle_libre_ble", "eight_sleep",
            "withings", "apple_health_kit", "manual", "ihealth", "google_fit", "beurer_api", "beurer_ble",
            "omron", "omron_ble", "onetouch_ble", "accuchek_ble", "contour_ble", "dexcom", "dexcom_v3",
            "hammerhead", "my_fitness_pal", "health_connect", "samsung_health", "polar", "cronometer",
            "kardia", "whoop_v2", "ultrahuman", "my_fitness_pal_v2", "map_my_fitness", "runkeeper",
            "google_health",
        }.Select(s => new ProviderSlug(s)),
    ];

    private static readonly FrozenSet<string> KnownValues = Known.Select(p => p.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => KnownValues.Contains(Value);

    public static ProviderSlug From(string value) => new(value);

    public bool Equals(ProviderSlug other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public int CompareTo(ProviderSlug other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
