using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>Everyone on one provider: counts per status for each resource, and the users worst first.</summary>
public sealed record ProviderView(
    string Provider,
    IReadOnlyList<ProviderResourceCounts> Resources,
    IReadOnlyList<PullStatus> Statuses,
    IReadOnlyList<ProviderUserRow> Users,
    int NotPulledUsers)
{
    /// <summary>The scan read the ongoing data, so the stale counts mean something.</summary>
    public bool FreshnessKnown { get; init; }

    /// <summary>Users with stale data of any resource of this provider.</summary>
    public int StaleUsers { get; init; }
}
