namespace Vital.Introspection;

/// <summary>The user's connection to one provider (<c>GET /v2/user/providers/{user_id}</c>).</summary>
public sealed record ProviderConnection
{
    public required ProviderSlug Provider { get; init; }

    /// <summary>Vital's name for the provider ("Oura"), when sent.</summary>
    public string? Name { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    public required ConnectionStatus Status { get; init; }

    /// <summary>The provider's own id for the user; null for SDK providers (Apple HealthKit, Health Connect).</summary>
    public string? ExternalUserId { get; init; }

    /// <summary>Why the connection is in error, when Vital says.</summary>
    public ConnectionError? Error { get; init; }

    /// <summary>Per resource: can Vital read it, and which scopes the user granted or denied.</summary>
    public IReadOnlyDictionary<ResourceName, ResourceAvailability> Resources { get; init; } = new Dictionary<ResourceName, ResourceAvailability>();
}
