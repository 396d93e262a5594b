namespace Vital.Introspection;

/// <summary>Whether Vital can read one resource of a connection, and the scopes behind the answer.</summary>
public sealed record ResourceAvailability
{
    public required AvailabilityStatus Status { get; init; }

    /// <summary>Required scopes the user denied: why the resource is unavailable.</summary>
    public IReadOnlyList<string> DeniedRequiredScopes { get; init; } = [];

    public IReadOnlyList<string> DeniedOptionalScopes { get; init; } = [];

    public IReadOnlyList<string> GrantedRequiredScopes { get; init; } = [];

    public IReadOnlyList<string> GrantedOptionalScopes { get; init; } = [];
}
