using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Builds the provider pages' figures from the team snapshot, whose per-provider content is what the upstream's own
/// <c>provider</c> filter answers. A user is "stuck" on the provider when a pull there is stuck by the diagnosis's
/// own rule (<see cref="DiagnosisThresholds.IsStuck"/>).
/// </summary>
public static class ProviderViewBuilder
{
    public static ProviderView Build(IReadOnlyList<TeamUser> users, string provider, DiagnosisThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(thresholds);

        var byResource = new Dictionary<string, Dictionary<PullStatus, int>>(StringComparer.Ordinal);
        var statuses = new HashSet<PullStatus>();
        var rows = new List<ProviderUserRow>();
        var notPulledUsers = 0;
        var staleByResource = new Dictionary<string, int>(StringComparer.Ordinal);
        var staleUsers = 0;
        var freshnessKnown = false;

        foreach (var user in users)
        {
            if (user.Providers.IndexOf(provider) < 0)
            {
                continue;
            }

            PullStatus? worst = null;
            var stuck = false;
            var problems = 0;
            foreach (var pull in user.Pulls)
            {
                if (pull.Provider != provider)
                {
                    continue;
                }

                statuses.Add(pull.Status);
                var counts = byResource.TryGetValue(pull.Resource, out var c) ? c : byResource[pull.Resource] = [];
                counts[pull.Status] = counts.GetValueOrDefault(pull.Status) + 1;
                worst = StatusRanker.Worse(worst, pull.Status);

                var isStuck = thresholds.IsStuck(pull.Status, pull.ScheduledAt, pull.StartedAt, user.AsOf);
                stuck |= isStuck;
                if (isStuck || StatusRanker.IsProblem(pull.Status))
                {
                    problems++;
                }
            }

            if (user.NotPulled.Any(n => n.Provider == provider))
            {
                notPulledUsers++;
            }

            freshnessKnown |= user.OngoingRead;
            var userStale = false;
            foreach (var ongoing in user.Ongoing)
            {
                if (ongoing.Provider == provider && ongoing.Stale)
                {
                    staleByResource[ongoing.Resource] = staleByResource.GetValueOrDefault(ongoing.Resource) + 1;
                    userStale = true;
                }
            }

            if (userStale)
            {
                staleUsers++;
            }

            rows.Add(new ProviderUserRow(user, worst, stuck, problems));
        }

        rows.Sort((a, b) =>
        {
            var byGroup = Group(a).CompareTo(Group(b));
            if (byGroup != 0)
            {
                return byGroup;
            }

            var byProblems = b.ProblemPulls.CompareTo(a.ProblemPulls);
            return byProblems != 0 ? byProblems : string.CompareOrdinal(a.User.UserId, b.User.UserId);
        });

        // A resource with stale data but no pull still gets a row: its stale count is the news.
        foreach (var resource in staleByResource.Keys.Where(r => !byResource.ContainsKey(r)))
        {
            byResource[resource] = [];
        }

        var resources = byResource
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new ProviderResourceCounts(r.Key, r.Value) { Stale = staleByResource.GetValueOrDefault(r.Key) })
            .ToList();
        return new ProviderView(provider, resources, [.. statuses.Order(StatusRanker.WorstFirst)], rows, notPulledUsers)
        {
            FreshnessKnown = freshnessKnown,
            StaleUsers = staleUsers,
        };
    }

    public static IReadOnlyList<ProviderSummary> Summaries(IReadOnlyList<TeamUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var summaries = new Dictionary<string, (int Users, int Pulls, Dictionary<PullStatus, int> Statuses, int Attention)>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            foreach (var provider in user.Providers)
            {
                var entry = summaries.TryGetValue(provider, out var e) ? e : (Users: 0, Pulls: 0, Statuses: [], Attention: 0);
                entry.Users++;
                if (user.NeedsAttention)
                {
                    entry.Attention++;
                }

                summaries[provider] = entry;
            }

            foreach (var pull in user.Pulls)
            {
                var entry = summaries[pull.Provider];
                entry.Pulls++;
                entry.Statuses[pull.Status] = entry.Statuses.GetValueOrDefault(pull.Status) + 1;
                summaries[pull.Provider] = entry;
            }
        }

        return [.. summaries
            .Select(s => new ProviderSummary(s.Key, s.Value.Users, s.Value.Pulls, s.Value.Statuses, s.Value.Attention))
            .OrderByDescending(s => s.Users)
            .ThenBy(s => s.Provider, StringComparer.Ordinal)];
    }

    /// <summary>Failed first, then stuck, retrying, unknown, in motion, succeeded, nothing pulled.</summary>
    private static int Group(ProviderUserRow row)
    {
        if (row.WorstStatus is not { } worst)
        {
            return 6;
        }

        if (worst.IsFailureLike)
        {
            return 0;
        }

        if (row.Stuck)
        {
            return 1;
        }

        if (worst == PullStatus.Retrying)
        {
            return 2;
        }

        if (!worst.IsKnown)
        {
            return 3;
        }

        return worst.IsActive ? 4 : 5;
    }
}
