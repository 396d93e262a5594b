using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>The user as Vital holds them (<c>user</c> in the diagnosis JSON).</summary>
public sealed record UserProfile
{
    [JsonPropertyName("createdOn"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>Data before this day is dropped by design.</summary>
    [JsonPropertyName("ingestionStart")]
    public DateOnly? IngestionStart { get; init; }

    /// <summary>Data after this day is dropped by design; connections pause 7 days after it.</summary>
    [JsonPropertyName("ingestionEnd")]
    public DateOnly? IngestionEnd { get; init; }

    [JsonPropertyName("connectedSources")]
    public required IReadOnlyList<ConnectedSourceDiagnosis> ConnectedSources { get; init; }

    /// <summary>The zone Vital falls back to for the user (an IANA id).</summary>
    [JsonIgnore]
    public string? FallbackTimeZone { get; init; }
}
