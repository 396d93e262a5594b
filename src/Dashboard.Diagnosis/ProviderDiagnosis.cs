using System.Text.Json.Serialization;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>What one provider pulled for the user, and what it did not.</summary>
public sealed record ProviderDiagnosis
{
    /// <summary>The provider slug, verbatim (e.g. <c>oura</c>).</summary>
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary>
    /// The worst status of its pulls by <see cref="StatusRanker"/>, verbatim; null when the provider pulled no
    /// resource at all (only <c>not_pulled</c> entries).
    /// </summary>
    [JsonPropertyName("worstStatus")]
    public required PullStatus? WorstStatus { get; init; }

    /// <summary>Sorted by resource name (ordinal): every pulled resource, and those with ongoing data only (status null).</summary>
    [JsonPropertyName("resources")]
    public required IReadOnlyList<ResourceDiagnosis> Resources { get; init; }

    /// <summary>Resources the provider did not pull, sorted (ordinal), without duplicates.</summary>
    [JsonPropertyName("notPulled")]
    public required IReadOnlyList<string> NotPulled { get; init; }

    /// <summary>"Oura", "Apple HealthKit"; an unknown slug verbatim.</summary>
    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ProviderDisplayName(Provider);

    /// <summary>"Failed", "In progress"…; null when nothing was pulled.</summary>
    [JsonIgnore]
    public string? WorstStatusDisplayName => WorstStatus is { } worst ? StatusRanker.DisplayName(worst) : null;

    /// <summary>The user's connection to this provider, when the connections were read.</summary>
    [JsonIgnore]
    public ConnectionDiagnosis? Connection { get; init; }

    /// <summary>The worst finding about this provider or any of its resources.</summary>
    [JsonIgnore]
    public Severity Severity { get; init; }
}
