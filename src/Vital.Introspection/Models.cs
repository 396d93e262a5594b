namespace Vital.Introspection;

/// <summary>One page of <c>GET /v2/introspect/historical_pull</c>.</summary>
public sealed record HistoricalPullPage
{
    public required IReadOnlyList<UserHistoricalPulls> Users { get; init; }

    /// <summary>
    /// The cursor for the next page, or null on the last page. The upstream's null, a missing key, an
    /// empty string and the stringified <c>"None"</c> all arrive here as null.
    /// </summary>
    public string? NextCursor { get; init; }

    public bool IsLastPage => NextCursor is null;
}

/// <summary>One user's historical pulls, per provider.</summary>
public sealed record UserHistoricalPulls
{
    /// <summary>The user id exactly as sent (the spec's own example sends an empty string).</summary>
    public required string UserId { get; init; }

    public required IReadOnlyDictionary<ProviderSlug, ProviderPulls> Providers { get; init; }

    public int PullCount => Providers.Values.Sum(p => p.Pulled.Count);

    public static UserHistoricalPulls Empty(string userId) => new()
    {
        UserId = userId,
        Providers = new Dictionary<ProviderSlug, ProviderPulls>(),
    };
}

/// <summary>What one provider pulled for a user, and what it did not.</summary>
public sealed record ProviderPulls
{
    public required IReadOnlyDictionary<ResourceName, HistoricalPull> Pulled { get; init; }

    /// <summary>Resources not pulled: permission not granted, or the resource is newer than the connection.</summary>
    public required IReadOnlyList<ResourceName> NotPulled { get; init; }
}

/// <summary>The historical pull of one resource from one provider.</summary>
public sealed record HistoricalPull
{
    public required PullStatus Status { get; init; }

    /// <summary>Start of the window being pulled; null while scheduled, for instance.</summary>
    public DateTimeOffset? RangeStart { get; init; }

    public DateTimeOffset? RangeEnd { get; init; }

    /// <summary>Days with data inside [RangeStart, RangeEnd]; a rough measure. 0 when absent.</summary>
    public int DaysWithData { get; init; }

    public required PullTimeline Timeline { get; init; }

    /// <summary>The Vital release the pull ran on, e.g. <c>0.0.0-dev.cd0e262</c>.</summary>
    public string? Release { get; init; }

    /// <summary>32 hex characters; what Vital support asks for when a pull failed.</summary>
    public string? TraceId { get; init; }

    public PullErrorDetails? ErrorDetails { get; init; }
}

/// <summary>When a pull was scheduled, started and ended (completed in full, every webhook sent).</summary>
public sealed record PullTimeline
{
    public static PullTimeline Empty { get; } = new();

    /// <summary>Required by the spec; null only when an upstream leaves it out or sends something unreadable.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}
