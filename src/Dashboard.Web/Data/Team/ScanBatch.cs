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
}
