using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Filters and sorts a snapshot's users, on the server. A user matches the status, provider and resource
/// filters when one of their pulls matches all three together ("users with a failed Oura sleep pull").
/// Counts per status are over the users that match every filter except the status, so each count is exactly the
/// number of rows its link shows.
/// </summary>
public static class TeamViewBuilder
{
    public static TeamViewResult Build(IReadOnlyList<TeamUser> users, TeamQuery query, TeamSort sort)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(query);

        var matched = new List<TeamUser>();
        var byStatus = new Dictionary<PullStatus, int>();
        var attention = 0;
        var seenStatuses = new HashSet<PullStatus>();

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

        matched.Sort(sort.Compare);
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
}
