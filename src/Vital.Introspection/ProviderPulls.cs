namespace Vital.Introspection;

/// <summary>What one provider pulled for a user, and what it did not.</summary>
public sealed record ProviderPulls
{
    public required IReadOnlyDictionary<ResourceName, HistoricalPull> Pulled { get; init; }

    /// <summary>Resources not pulled: permission not granted, or the resource is newer than the connection.</summary>
    public required IReadOnlyList<ResourceName> NotPulled { get; init; }
}
