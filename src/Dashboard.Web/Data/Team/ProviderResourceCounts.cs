using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>Users per status for one resource of one provider.</summary>
public sealed record ProviderResourceCounts(string Resource, IReadOnlyDictionary<PullStatus, int> UsersByStatus)
{
    public int Total => UsersByStatus.Values.Sum();
}
