using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

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
