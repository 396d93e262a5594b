using Dashboard.Diagnosis;

namespace Dashboard.Web.Data.Team;

/// <summary>The columns the team grid sorts on.</summary>
public enum TeamSortColumn
{
    Attention,
    UserId,
    Providers,
    WorstStatus,
    Findings,
    LatestActivity,
}

public readonly record struct TeamSort(TeamSortColumn Column, bool Descending)
{
    /// <summary>Users needing attention first, worst first; then the most recent activity.</summary>
    public static TeamSort Default { get; } = new(TeamSortColumn.Attention, Descending: true);
}

/// <summary>The users that match a <see cref="TeamQuery"/>, in order, with the per-status counts for the filter bar.</summary>
public sealed record TeamViewResult(
    IReadOnlyList<TeamUser> Users,
    IReadOnlyDictionary<string, int> UsersByStatus,
    int AttentionCount,
    int Total);

/// <summary>
/// Filtering and sorting over a snapshot, done on the server. A user matches the status, provider and resource
/// filters when one of their pulls matches all three together ("users with a failed Oura sleep pull").
/// Counts per status are over the users that match every filter except the status, so each count is exactly the
/// number of rows its link shows.
/// </summary>
public static class TeamView
{
    public static TeamViewResult Apply(IReadOnlyList<TeamUser> users, TeamQuery query, TeamSort sort)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(query);

        var matched = new List<TeamUser>();
        var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
        var attention = 0;
        var seenStatuses = new HashSet<string>(StringComparer.Ordinal);

        foreach (var user in users)
        {
            if (!MatchesSearch(user, query) || !MatchesProviderOrResourceOnly(user, query))
            {
                continue;
            }

            // Status counts ignore the status filter but honour the attention toggle (their links keep it), and the
            // attention count ignores the toggle (its link flips it): each count is the number of rows its link shows.
            if (!query.AttentionOnly || user.NeedsAttention)
            {
                seenStatuses.Clear();
                foreach (var pull in user.Pulls)
                {
                    if (PullMatches(pull, query, ignoreStatus: true) && seenStatuses.Add(pull.Status))
                    {
                        byStatus[pull.Status] = byStatus.GetValueOrDefault(pull.Status) + 1;
                    }
                }
            }

            if (!MatchesStatus(user, query))
            {
                continue;
            }

            if (user.NeedsAttention)
            {
                attention++;
            }

            if (query.AttentionOnly && !user.NeedsAttention)
            {
                continue;
            }

            matched.Add(user);
        }

        matched.Sort(Comparer(sort));
        return new TeamViewResult(matched, byStatus, attention, users.Count);
    }

    public static bool Matches(TeamUser user, TeamQuery query) =>
        MatchesSearch(user, query) && MatchesProviderOrResourceOnly(user, query) && MatchesStatus(user, query)
        && (!query.AttentionOnly || user.NeedsAttention);

    /// <summary>Whether one pull passes the status, provider and resource filters (the CSV's row filter).</summary>
    public static bool PullMatches(in CompactPull pull, TeamQuery query, bool ignoreStatus = false) =>
        (query.Providers.IsEmpty || query.Providers.Contains(pull.Provider))
        && (query.Resources.IsEmpty || query.Resources.Contains(pull.Resource))
        && (ignoreStatus || query.Statuses.IsEmpty || query.Statuses.Contains(pull.Status));

    private static bool MatchesSearch(TeamUser user, TeamQuery query) =>
        query.Search is null || user.UserId.Contains(query.Search, StringComparison.OrdinalIgnoreCase);

    private static bool MatchesProviderOrResourceOnly(TeamUser user, TeamQuery query)
    {
        if (query.Providers.IsEmpty && query.Resources.IsEmpty)
        {
            return true;
        }

        foreach (var pull in user.Pulls)
        {
            if (PullMatches(pull, query, ignoreStatus: true))
            {
                return true;
            }
        }

        // A provider that only lists not-pulled resources still counts as the user's provider.
        foreach (var entry in user.NotPulled)
        {
            if ((query.Providers.IsEmpty || query.Providers.Contains(entry.Provider))
                && (query.Resources.IsEmpty || entry.Resources.Any(r => query.Resources.Contains(r))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesStatus(TeamUser user, TeamQuery query)
    {
        if (query.Statuses.IsEmpty)
        {
            return true;
        }

        foreach (var pull in user.Pulls)
        {
            if (PullMatches(pull, query))
            {
                return true;
            }
        }

        return false;
    }

    private static Comparison<TeamUser> Comparer(TeamSort sort)
    {
        Comparison<TeamUser> primary = sort.Column switch
        {
            TeamSortColumn.UserId => (a, b) => string.CompareOrdinal(a.UserId, b.UserId),
            TeamSortColumn.Providers => (a, b) =>
            {
                var byCount = a.Providers.Length.CompareTo(b.Providers.Length);
                return byCount != 0 ? byCount : string.CompareOrdinal(string.Join(',', a.Providers), string.Join(',', b.Providers));
            },
            // A higher rank is a worse status: descending puts failures first.
            TeamSortColumn.WorstStatus => (a, b) => StatusOrder.Rank(a.WorstStatus).CompareTo(StatusOrder.Rank(b.WorstStatus)),
            TeamSortColumn.Findings => (a, b) =>
            {
                var bySeverity = a.Overall.CompareTo(b.Overall);
                if (bySeverity != 0)
                {
                    return bySeverity;
                }

                var byCritical = a.CriticalCount.CompareTo(b.CriticalCount);
                return byCritical != 0 ? byCritical : a.WarningCount.CompareTo(b.WarningCount);
            },
            TeamSortColumn.LatestActivity => (a, b) => a.LatestActivityTicks.CompareTo(b.LatestActivityTicks),
            _ => (a, b) =>
            {
                var bySeverity = a.Overall.CompareTo(b.Overall);
                return bySeverity != 0 ? bySeverity : a.LatestActivityTicks.CompareTo(b.LatestActivityTicks);
            },
        };

        return (a, b) =>
        {
            var result = sort.Descending ? primary(b, a) : primary(a, b);
            return result != 0 ? result : string.CompareOrdinal(a.UserId, b.UserId);
        };
    }
}
