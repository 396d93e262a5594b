using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// The users that match a <see cref="TeamQuery"/>, in order, with the counts for the filter bar: per status, needing
/// attention, with stale data.
/// </summary>
public sealed record TeamViewResult(
    IReadOnlyList<TeamUser> Users,
    IReadOnlyDictionary<PullStatus, int> UsersByStatus,
    int AttentionCount,
    int Total)
{
    /// <summary>Users with stale data among those every other filter selects (the number of rows <c>stale=true</c> shows).</summary>
    public int StaleCount { get; init; }

    /// <summary>The scan read the ongoing data, so the stale count means something.</summary>
    public bool FreshnessKnown { get; init; }
}
