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

    /// <summary>The scopes the user denied (<c>scopes_denied</c>), required ones first.</summary>
    [JsonPropertyName("scopes")]
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The source that could not be read (<c>source_unavailable</c>): <c>user</c>, <c>connections</c>, <c>historicalPulls</c> or <c>resources</c>.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>What went wrong reading it, in words.</summary>
    [JsonPropertyName("problem")]
    public string? Problem { get; init; }

    [JsonPropertyName("connectionStatus")]
    public ConnectionStatus? ConnectionStatus { get; init; }

    [JsonPropertyName("errorType")]
    public ConnectionErrorType? ErrorType { get; init; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("erroredAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? ErroredAt { get; init; }

    /// <summary>The newest data of the resources concerned (the most recent of them).</summary>
    [JsonPropertyName("newestData"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? NewestData { get; init; }

    [JsonPropertyName("lastAttemptAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The stale limit in force for the provider, in hours.</summary>
    [JsonPropertyName("staleAfterHours")]
    public double? StaleAfterHours { get; init; }

    [JsonPropertyName("ingestionStart")]
    public DateOnly? IngestionStart { get; init; }

    [JsonPropertyName("ingestionEnd")]
    public DateOnly? IngestionEnd { get; init; }
}
