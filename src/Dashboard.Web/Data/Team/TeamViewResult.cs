using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>The users that match a <see cref="TeamQuery"/>, in order, with the per-status counts for the filter bar.</summary>
public sealed record TeamViewResult(
    IReadOnlyList<TeamUser> Users,
    IReadOnlyDictionary<PullStatus, int> UsersByStatus,
    int AttentionCount,
    int Total);
