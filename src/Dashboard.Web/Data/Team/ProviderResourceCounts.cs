using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>Users per status for one resource of one provider, and how many of them have stale data of it.</summary>
public sealed record ProviderResourceCounts(string Resource, IReadOnlyDictionary<PullStatus, int> UsersByStatus)
{
    public int Total => UsersByStatus.Values.Sum();

    /// <summary>Users whose newest data of this resource is older than the provider's stale limit (their backfill succeeded or never ran).</summary>
    public int Stale { get; init; }
}
