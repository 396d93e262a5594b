using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>A resource Vital cannot read from a connection, and the scopes the user denied.</summary>
public sealed record UnavailableResource
{
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    /// <summary>Required scopes first, then optional ones, as Vital listed them.</summary>
    [JsonPropertyName("deniedScopes")]
    public required IReadOnlyList<string> DeniedScopes { get; init; }

    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ResourceDisplayName(Resource);
}
