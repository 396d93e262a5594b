using Dashboard.Web.Connections;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Filters and sorts a snapshot's users, on the server. A user matches the status, provider and resource
/// filters when one of their pulls matches all three together ("users with a failed Oura sleep pull").
/// Counts per status are over the users that match every filter except the status, so each count is exactly the
/// number of rows its link shows. The search matches Vital user ids and, where known, client user ids; the connection
/// filter matches the sweep's latest reading of the user, and narrows every count like the search does.
/// </summary>
public static class TeamViewBuilder
{
    /// <param name="users">The snapshot's users.</param>
    /// <param name="query">The filters.</param>
    /// <param name="sort">The order.</param>
    /// <param name="clientUserIds">The client user ids known so far (they come from reading users one by one), for the search.</param>
    /// <param name="connections">The connection sweep's readings, for the connection filter (none: every user unread).</param>
    public static TeamViewResult Build(IReadOnlyList<TeamUser> users, TeamQuery query, TeamSort sort, ClientUserIds? clientUserIds = null, ConnectionReadings? connections = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(query);

        var matched = new List<TeamUser>();
        var byStatus = new Dictionary<PullStatus, int>();
        var attention = 0;
        var stale = 0;
        var freshnessKnown = false;
        var seenStatuses = new HashSet<PullStatus>();

        foreach (var user in users)
        {
            freshnessKnown |= user.OngoingRead;
            if (!MatchesSearch(user, query, clientUserIds) || !MatchesConnection(user, query, connections) || !MatchesProviderOrResourceOnly(user, query))
            {
                continue;
            }

            // Status counts ignore the status filter but honour the attention and stale toggles (their links keep
            // them); each toggle's count ignores that toggle (its link flips it): each count is the number of rows its
            // link shows.
            if ((!query.AttentionOnly || user.NeedsAttention) && (!query.StaleOnly || IsStale(user, query)))
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

            var userStale = IsStale(user, query);
            if (user.NeedsAttention && (!query.StaleOnly || userStale))
            {
                attention++;
            }

            if (userStale && (!query.AttentionOnly || user.NeedsAttention))
            {
                stale++;
            }

            if ((query.AttentionOnly && !user.NeedsAttention) || (query.StaleOnly && !userStale))
            {
                continue;
            }

            matched.Add(user);
        }

        matched.Sort(sort.Compare);
        return new TeamViewResult(matched, byStatus, attention, users.Count) { StaleCount = stale, FreshnessKnown = freshnessKnown };
    }

    public static bool Matches(TeamUser user, TeamQuery query, ClientUserIds? clientUserIds = null, ConnectionReadings? connections = null) =>
        MatchesSearch(user, query, clientUserIds) && MatchesConnection(user, query, connections) && MatchesProviderOrResourceOnly(user, query) && MatchesStatus(user, query)
        && (!query.AttentionOnly || user.NeedsAttention)
        && (!query.StaleOnly || IsStale(user, query));

    /// <summary>
    /// Stale data as the filters narrow it: any of the user's resources without a provider or resource filter, else
    /// one the filters name ("users with stale Oura sleep data").
    /// </summary>
    public static bool IsStale(TeamUser user, TeamQuery query)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        if (!user.IsStale || (query.Providers.IsEmpty && query.Resources.IsEmpty))
        {
            return user.IsStale;
        }

        foreach (var ongoing in user.Ongoing)
        {
            if (ongoing.Stale && OngoingMatches(ongoing, query))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one resource's ongoing data passes the provider and resource filters (the CSV's rows for ongoing-only resources).</summary>
    public static bool OngoingMatches(in CompactFreshness ongoing, TeamQuery query) =>
        (query.Providers.IsEmpty || query.Providers.Contains(ongoing.Provider))
        && (query.Resources.IsEmpty || query.Resources.Contains(ongoing.Resource));

    /// <summary>Whether one pull passes the status, provider and resource filters (the CSV's row filter).</summary>
    public static bool PullMatches(in CompactPull pull, TeamQuery query, bool ignoreStatus = false) =>
        (query.Providers.IsEmpty || query.Providers.Contains(pull.Provider))
        && (query.Resources.IsEmpty || query.Resources.Contains(pull.Resource))
        && (ignoreStatus || query.Statuses.IsEmpty || query.Statuses.Contains(pull.Status));

    private static bool MatchesSearch(TeamUser user, TeamQuery query, ClientUserIds? clientUserIds) =>
        query.Search is not { } search
        || user.UserId.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (clientUserIds?.Of(user.UserId) is { } clientUserId && clientUserId.Contains(search, StringComparison.OrdinalIgnoreCase));

    private static bool MatchesConnection(TeamUser user, TeamQuery query, ConnectionReadings? connections) =>
        query.Connections.IsEmpty || ConnectionCategory.Matches(connections?.Of(user.UserId), query.Connections);

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

        // As does one Vital only holds ongoing data of.
        foreach (var ongoing in user.Ongoing)
        {
            if (OngoingMatches(ongoing, query))
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
