namespace Vital.Introspection;

/// <summary>One user's ongoing data, per provider and resource.</summary>
public sealed record UserResources
{
    /// <summary>The user id exactly as sent (the spec's own example sends an empty string).</summary>
    public required string UserId { get; init; }

    public required IReadOnlyDictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>> Providers { get; init; }

    public static UserResources Empty(string userId) => new()
    {
        UserId = userId,
        Providers = new Dictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>>(),
    };
}
