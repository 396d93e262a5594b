using System.Text.Json.Serialization;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>The user's connection to one provider, as Vital reported it (<c>connections[]</c> in the diagnosis JSON).</summary>
public sealed record ConnectionDiagnosis
{
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary><c>connected</c>, <c>error</c>, <c>paused</c>, or a value this version does not know, verbatim.</summary>
    [JsonPropertyName("status")]
    public required ConnectionStatus Status { get; init; }

    [JsonPropertyName("errorType")]
    public ConnectionErrorType? ErrorType { get; init; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("erroredAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? ErroredAt { get; init; }

    /// <summary>The provider's own id for the user; null for SDK providers.</summary>
    [JsonPropertyName("externalUserId")]
    public string? ExternalUserId { get; init; }

    /// <summary>Resources Vital cannot read because the user denied scopes they need, with those scopes.</summary>
    [JsonPropertyName("unavailableResources")]
    public required IReadOnlyList<UnavailableResource> UnavailableResources { get; init; }

    [JsonPropertyName("createdOn"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? CreatedOn { get; init; }

    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ProviderDisplayName(Provider);

    /// <summary>The worst finding about this connection.</summary>
    [JsonIgnore]
    public Severity Severity { get; init; }
}
