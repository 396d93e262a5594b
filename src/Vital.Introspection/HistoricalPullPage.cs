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
