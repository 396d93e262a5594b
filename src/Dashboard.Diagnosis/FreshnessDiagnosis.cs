using System.Text.Json.Serialization;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>A resource's ongoing data (<c>freshness</c> in the diagnosis JSON): what Vital has seen and when it last tried.</summary>
public sealed record FreshnessDiagnosis
{
    [JsonPropertyName("newestData"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? NewestData { get; init; }

    [JsonPropertyName("oldestData"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? OldestData { get; init; }

    [JsonPropertyName("lastAttemptAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? LastAttemptAt { get; init; }

    [JsonPropertyName("lastAttemptStatus")]
    public AttemptStatus? LastAttemptStatus { get; init; }

    [JsonPropertyName("sentCount")]
    public int? SentCount { get; init; }

    /// <summary>Newest data older than the provider's stale limit.</summary>
    [JsonIgnore]
    public bool Stale { get; init; }
}
