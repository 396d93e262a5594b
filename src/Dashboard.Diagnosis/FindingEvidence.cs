using System.Text.Json.Serialization;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The values a finding rests on. Members that do not apply are null, and <see cref="DiagnosisJson.Options"/> leaves
/// them out of the JSON.
/// </summary>
public sealed record FindingEvidence
{
    public static FindingEvidence None { get; } = new();

    [JsonPropertyName("status")]
    public PullStatus? Status { get; init; }

    [JsonPropertyName("scheduledAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? ScheduledAt { get; init; }

    [JsonPropertyName("startedAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("endedAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonPropertyName("rangeStart"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? RangeStart { get; init; }

    [JsonPropertyName("rangeEnd"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? RangeEnd { get; init; }

    [JsonPropertyName("daysWithData")]
    public int? DaysWithData { get; init; }

    [JsonPropertyName("daysInRange")]
    public int? DaysInRange { get; init; }

    /// <summary>days_with_data / days in range, rounded to three decimals.</summary>
    [JsonPropertyName("coverage")]
    public double? Coverage { get; init; }

    [JsonPropertyName("traceId")]
    public string? TraceId { get; init; }

    [JsonPropertyName("release")]
    public string? Release { get; init; }

    [JsonPropertyName("errorDetails")]
    public string? ErrorDetails { get; init; }

    /// <summary>The resources of a <c>resources_not_pulled</c> finding, sorted.</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Hours from scheduled to started (or to the diagnosis time while still scheduled), one decimal.</summary>
    [JsonPropertyName("hoursWaiting")]
    public double? HoursWaiting { get; init; }

    /// <summary>Hours from started (or scheduled, when no start was sent) to the diagnosis time, one decimal.</summary>
    [JsonPropertyName("hoursRunning")]
    public double? HoursRunning { get; init; }

    /// <summary>The configured limit a stuck pull went past, in hours.</summary>
    [JsonPropertyName("thresholdHours")]
    public double? ThresholdHours { get; init; }

    /// <summary>What is wrong with a timeline, one sentence per problem (<c>timeline_anomaly</c>).</summary>
    [JsonPropertyName("anomalies")]
    public IReadOnlyList<string>? Anomalies { get; init; }

    /// <summary>What Vital documents about this provider that bears on the finding (Garmin, Dexcom, short windows).</summary>
    [JsonPropertyName("providerNote")]
    public string? ProviderNote { get; init; }
}
