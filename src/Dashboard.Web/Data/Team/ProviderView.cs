using Dashboard.Diagnosis;

namespace Dashboard.Web.Data.Team;

/// <summary>Users per status for one resource of one provider.</summary>
public sealed record ProviderResourceCounts(string Resource, IReadOnlyDictionary<string, int> UsersByStatus)
{
    public int Total => UsersByStatus.Values.Sum();
}

/// <summary>One user on a provider page: their worst state on that provider.</summary>
public sealed record ProviderUserRow(TeamUser User, string? WorstStatus, bool Stuck, int ProblemPulls);

/// <summary>Everyone on one provider: counts per status for each resource, and the users worst first.</summary>
public sealed record ProviderView(
    string Provider,
    IReadOnlyList<ProviderResourceCounts> Resources,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<ProviderUserRow> Users,
    int NotPulledUsers);

/// <summary>A provider's row on <c>/providers</c>.</summary>
public sealed record ProviderSummary(string Provider, int Users, int Pulls, IReadOnlyDictionary<string, int> PullsByStatus, int UsersNeedingAttention);

/// <summary>
/// The provider pages' figures from the team snapshot, whose per-provider content is what the upstream's own
/// <c>provider</c> filter answers. A user is "stuck" on the provider when a pull there has waited or run longer
/// than the diagnosis thresholds.
/// </summary>
public static class ProviderViews
{
    public static ProviderView Build(IReadOnlyList<TeamUser> users, string provider, DiagnosisEngine engine)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(engine);

        var byResource = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var statuses = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ProviderUserRow>();
        var notPulledUsers = 0;

        foreach (var user in users)
        {
            if (Array.IndexOf(user.Providers, provider) < 0)
            {
                continue;
            }

            string? worst = null;
            var stuck = false;
            var problems = 0;
            foreach (var pull in user.Pulls)
            {
                if (pull.Provider != provider)
                {
                    continue;
                }

                statuses.Add(pull.Status);
                var counts = byResource.TryGetValue(pull.Resource, out var c) ? c : byResource[pull.Resource] = new(StringComparer.Ordinal);
                counts[pull.Status] = counts.GetValueOrDefault(pull.Status) + 1;

                if (worst is null || StatusOrder.Rank(pull.Status) > StatusOrder.Rank(worst))
                {
                    worst = pull.Status;
                }

                var isStuck = IsStuck(pull, user.AsOf, engine);
                stuck |= isStuck;
                if (isStuck || StatusOrder.Rank(pull.Status) >= StatusOrder.Rank("retrying"))
                {
                    problems++;
                }
            }

            if (user.NotPulled.Any(n => n.Provider == provider))
            {
                notPulledUsers++;
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

        var resources = byResource
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new ProviderResourceCounts(r.Key, r.Value))
            .ToList();
        return new ProviderView(provider, resources, [.. statuses.OrderByDescending(StatusOrder.Rank).ThenBy(s => s, StringComparer.Ordinal)], rows, notPulledUsers);
    }

    public static IReadOnlyList<ProviderSummary> Summaries(IReadOnlyList<TeamUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var summaries = new Dictionary<string, (int Users, int Pulls, Dictionary<string, int> Statuses, int Attention)>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            foreach (var provider in user.Providers)
            {
                var entry = summaries.TryGetValue(provider, out var e) ? e : (Users: 0, Pulls: 0, Statuses: new Dictionary<string, int>(StringComparer.Ordinal), Attention: 0);
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

    /// <summary>Failed first, then stuck, retrying, unknown, in motion, succeeded.</summary>
    private static int Group(ProviderUserRow row) => row.WorstStatus switch
    {
        "failure" or "error" => 0,
        _ when row.Stuck => 1,
        "retrying" => 2,
        "scheduled" or "in_progress" => 4,
        "success" => 5,
        null => 6,
        _ => 3,
    };

    private static bool IsStuck(in CompactPull pull, DateTimeOffset asOf, DiagnosisEngine engine) => pull.Status switch
    {
        "scheduled" => pull.ScheduledAt is { } scheduled && asOf - scheduled > engine.StuckScheduledAfter,
        "in_progress" => (pull.StartedAt ?? pull.ScheduledAt) is { } started && asOf - started > engine.StuckInProgressAfter,
        _ => false,
    };
}
