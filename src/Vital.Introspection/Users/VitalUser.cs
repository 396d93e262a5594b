namespace Vital.Introspection;

/// <summary>
/// A user of the team, as <c>GET /v2/user/{user_id}</c> and <c>GET /v2/user/resolve/{client_user_id}</c> answer.
/// </summary>
public sealed record VitalUser
{
    public required string UserId { get; init; }

    public string? TeamId { get; init; }

    /// <summary>The customer's own id for the user (what support tickets name); any characters.</summary>
    public string? ClientUserId { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>The providers the user connected, oldest first as Vital lists them.</summary>
    public IReadOnlyList<ConnectedSource> ConnectedSources { get; init; } = [];

    /// <summary>The zone Vital falls back to for the user (an IANA id), when it has one.</summary>
    public string? FallbackTimeZone { get; init; }

    /// <summary>Data before this day is dropped by design; null when unbounded.</summary>
    public DateOnly? IngestionStart { get; init; }

    /// <summary>Data after this day is dropped by design, and connections are paused 7 days after it; null when unbounded.</summary>
    public DateOnly? IngestionEnd { get; init; }
}
