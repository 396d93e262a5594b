namespace Vital.Simulator;

/// <summary>
/// One user as the user, connections and ongoing-data endpoints show it (the simulator's own model, independent of
/// the client's): derived, like the pulls, from the seed and the user's position.
/// </summary>
internal sealed record SimulatedAccount(
    string UserId,
    string ClientUserId,
    DateTimeOffset CreatedOn,
    SimulatedFallback? FallbackTimeZone,
    SimulatedFallback? FallbackBirthDate,
    DateOnly? IngestionStart,
    DateOnly? IngestionEnd,
    IReadOnlyList<SimulatedConnection> Connections);

/// <summary>A fallback value of the user object (<c>fallback_time_zone</c>, <c>fallback_birth_date</c>).</summary>
internal sealed record SimulatedFallback(string Value, string SourceSlug, DateTimeOffset UpdatedAt);

/// <summary>One connection: the connections endpoint's entry and the resources introspection's ongoing data.</summary>
internal sealed record SimulatedConnection(
    SimulatedProvider Provider,
    DateTimeOffset CreatedOn,
    string Status,
    string? ExternalUserId,
    SimulatedConnectionError? Error,
    IReadOnlyList<SimulatedAvailability> Availability,
    IReadOnlyList<SimulatedResourceData> Resources)
{
    public const string Connected = "connected";
    public const string Errored = "error";
    public const string Paused = "paused";
}

internal sealed record SimulatedConnectionError(string Type, string Message, DateTimeOffset ErroredAt);

/// <summary>A resource's availability; <see cref="Scopes"/> null for providers without scopes.</summary>
internal sealed record SimulatedAvailability(string Resource, bool Available, SimulatedScopes? Scopes);

internal sealed record SimulatedScopes(string[] GrantedRequired, string[] GrantedOptional, string[] DeniedRequired, string[] DeniedOptional);

/// <summary>A resource's ongoing data; <see cref="LastAttempt"/> null when never attempted.</summary>
internal sealed record SimulatedResourceData(string Resource, SimulatedAttempt? LastAttempt, DateTimeOffset? OldestData, DateTimeOffset? NewestData, int? SentCount);

internal readonly record struct SimulatedAttempt(DateTimeOffset Timestamp, bool Succeeded);
