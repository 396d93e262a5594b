using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// What one upstream page held: users' pulls, or (from the resources introspection) users' ongoing data; and which
/// provider filter, if any, the page was asked with.
/// </summary>
public sealed record ScanBatch(IReadOnlyList<UserHistoricalPulls> Users, ProviderSlug? Scope, DateTimeOffset AsOf)
{
    /// <summary>Users' ongoing data, from the resources introspection; empty for a page of pulls.</summary>
    public IReadOnlyList<UserResources> Ongoing { get; init; } = [];

    /// <summary>A page of the resources introspection.</summary>
    public static ScanBatch OfOngoing(IReadOnlyList<UserResources> users, ProviderSlug? scope, DateTimeOffset asOf) =>
        new([], scope, asOf) { Ongoing = users };

    /// <summary>Walks the scan gave up on (no page: the scan's last word when it could not read everything).</summary>
    public IReadOnlyList<ScanGap> Gaps { get; init; } = [];

    /// <summary>The scan's last batch when some walks ran out of patience.</summary>
    public static ScanBatch OfGaps(IReadOnlyList<ScanGap> gaps, DateTimeOffset asOf) =>
        new([], null, asOf) { Gaps = gaps };
}
