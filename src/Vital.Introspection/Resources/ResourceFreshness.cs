namespace Vital.Introspection;

/// <summary>What Vital has of one resource's ongoing data (<c>GET /v2/introspect/resources</c>).</summary>
public sealed record ResourceFreshness
{
    /// <summary>The last poll (polling providers) or ingestion (push providers); null when never attempted.</summary>
    public LastAttempt? LastAttempt { get; init; }

    public DateTimeOffset? OldestData { get; init; }

    /// <summary>The newest data Vital has seen: how to tell "the backfill succeeded but data stopped arriving".</summary>
    public DateTimeOffset? NewestData { get; init; }

    public int? SentCount { get; init; }
}
