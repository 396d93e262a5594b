using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>One provider the user connected, as the user object lists it.</summary>
public sealed record ConnectedSourceDiagnosis
{
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    [JsonPropertyName("createdOn"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? CreatedOn { get; init; }

    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ProviderDisplayName(Provider);
}
