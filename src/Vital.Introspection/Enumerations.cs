using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>The status of one historical pull. Open: unknown values are kept verbatim.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<PullStatus>))]
public readonly record struct PullStatus : IOpenString<PullStatus>
{
    private readonly string? _value;

    public PullStatus(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static PullStatus Scheduled { get; } = new("scheduled");
    public static PullStatus InProgress { get; } = new("in_progress");
    public static PullStatus Success { get; } = new("success");
    public static PullStatus Retrying { get; } = new("retrying");
    public static PullStatus Failure { get; } = new("failure");

    /// <summary>The older docs page's name for a failed pull; treated as <see cref="Failure"/>.</summary>
    public static PullStatus Error { get; } = new("error");

    /// <summary>The statuses the current upstream spec documents, in the order a pull moves through them.</summary>
    public static IReadOnlyList<PullStatus> Documented { get; } = [Scheduled, InProgress, Retrying, Success, Failure];

    private static readonly FrozenSet<string> KnownValues =
        new[] { "scheduled", "in_progress", "success", "retrying", "failure", "error" }.ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => KnownValues.Contains(Value);

    /// <summary><c>failure</c> or the legacy <c>error</c>: the pull ended without its data.</summary>
    public bool IsFailureLike => this == Failure || this == Error;

    /// <summary>Scheduled, in progress or retrying: the pull may still change on its own.</summary>
    public bool IsActive => this == Scheduled || this == InProgress || this == Retrying;

    public static PullStatus From(string value) => new(value);

    public bool Equals(PullStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}

/// <summary>Why a pull is retrying or failed (since May 2025, on newer connections). Open.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<PullErrorDetails>))]
public readonly record struct PullErrorDetails : IOpenString<PullErrorDetails>
{
    private readonly string? _value;

    public PullErrorDetails(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    // Retriable: Vital retries by itself.
    public static PullErrorDetails ProviderRateLimitExceeded { get; } = new("provider_rate_limit_exceeded");
    public static PullErrorDetails ProviderUnavailable { get; } = new("provider_unavailable");
    public static PullErrorDetails TransportFailure { get; } = new("transport_failure");
    public static PullErrorDetails ResourceContention { get; } = new("resource_contention");

    // Permanent: someone at Vital has to look.
    public static PullErrorDetails NonRetriableError { get; } = new("non_retriable_error");
    public static PullErrorDetails UnexpectedError { get; } = new("unexpected_error");
    public static PullErrorDetails RetryQuotaExhausted { get; } = new("retry_quota_exhausted");

    public static IReadOnlyList<PullErrorDetails> Retriable { get; } =
        [ProviderRateLimitExceeded, ProviderUnavailable, TransportFailure, ResourceContention];

    public static IReadOnlyList<PullErrorDetails> Permanent { get; } =
        [NonRetriableError, UnexpectedError, RetryQuotaExhausted];

    public bool IsRetriable => Retriable.Contains(this);

    public bool IsPermanent => Permanent.Contains(this);

    public bool IsKnown => IsRetriable || IsPermanent;

    public static PullErrorDetails From(string value) => new(value);

    public bool Equals(PullErrorDetails other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}

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

/// <summary>A resource name such as <c>sleep</c>. Open: Vital adds resources without notice.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<ResourceName>))]
public readonly record struct ResourceName : IOpenString<ResourceName>, IComparable<ResourceName>
{
    private readonly string? _value;

    public ResourceName(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static ResourceName Sleep { get; } = new("sleep");
    public static ResourceName Activity { get; } = new("activity");
    public static ResourceName Workouts { get; } = new("workouts");
    public static ResourceName Body { get; } = new("body");
    public static ResourceName Glucose { get; } = new("glucose");
    public static ResourceName HeartRate { get; } = new("heartrate");
    public static ResourceName Hrv { get; } = new("hrv");
    public static ResourceName BloodOxygen { get; } = new("blood_oxygen");
    public static ResourceName Steps { get; } = new("steps");

    /// <summary>The resource names of the upstream spec's <c>Resource</c> schema (its duplicate <c>hrv</c> once).</summary>
    public static IReadOnlyList<ResourceName> Known { get; } =
    [
        .. new[]
        {
            "profile", "activity", "sleep", "body", "workouts", "workout_stream", "connection", "order", "result",
            "match_review", "appointment", "result_table", "glucose", "heartrate", "hrv", "ige", "igg",
            "blood_oxygen", "blood_pressure", "cholesterol", "device", "device_legacy", "weight", "fat",
            "body_temperature", "body_temperature_delta", "meal", "water", "caffeine", "mindfulness_minutes",
            "steps", "calories_active", "distance", "floors_climbed", "respiratory_rate", "vo2_max",
            "calories_basal", "stress_level", "menstrual_cycle", "sleep_cycle", "electrocardiogram",
            "electrocardiogram_voltage", "afib_burden", "heart_rate_alert", "stand_hour", "stand_duration",
            "sleep_apnea_alert", "sleep_breathing_disturbance", "wheelchair_push", "forced_expiratory_volume_1",
            "forced_vital_capacity", "peak_expiratory_flow_rate", "inhaler_usage", "fall", "uv_exposure",
            "daylight_exposure", "handwashing", "basal_body_temperature", "heart_rate_recovery_one_minute",
            "body_mass_index", "lean_body_mass", "waist_circumference", "workout_distance",
            "workout_swimming_stroke", "workout_duration", "insulin_injection", "carbohydrates", "note",
            "sleep_stream", "hypnogram",
        }.Select(s => new ResourceName(s)),
    ];

    private static readonly FrozenSet<string> KnownValues = Known.Select(r => r.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => KnownValues.Contains(Value);

    public static ResourceName From(string value) => new(value);

    public bool Equals(ResourceName other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public int CompareTo(ResourceName other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
