using System.Numerics;
using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Observability;

/// <summary>
/// The team snapshot counted for the gauges: users per provider and status, pulls per provider and status, users
/// per open finding code, users the grid marks stale. Counted once per snapshot version, however many instruments read it.
/// </summary>
internal sealed class TeamCensus
{
    public static TeamCensus Empty { get; } = new(0, [], [], [], 0);

    private TeamCensus(
        int users,
        Dictionary<(string Provider, string Status), int> providerUsers,
        Dictionary<(string Provider, string Status), int> pulls,
        Dictionary<string, int> findings,
        int staleUsers)
    {
        Users = users;
        ProviderUsers = providerUsers;
        Pulls = pulls;
        Findings = findings;
        StaleUsers = staleUsers;
    }

    public int Users { get; }

    /// <summary>Users per provider, by the worst status of their pulls there (<c>none</c>: nothing pulled yet).</summary>
    public IReadOnlyDictionary<(string Provider, string Status), int> ProviderUsers { get; }

    public IReadOnlyDictionary<(string Provider, string Status), int> Pulls { get; }

    /// <summary>Users with at least one open finding of each code.</summary>
    public IReadOnlyDictionary<string, int> Findings { get; }

    /// <summary>
    /// Users the grid marks stale (<see cref="TeamUser.IsStale"/>: some resource's newest data older than its provider's
    /// limit). Not the <c>data_stale</c> finding: that needs a connection known to be fine, and the team scan reads none.
    /// </summary>
    public int StaleUsers { get; }

    public static TeamCensus Of(TeamSnapshot snapshot)
    {
        // Counted by the upstream's own strings (pulls by their pooled label, one object per provider, resource, status,
        // error and release), and made attribute values once per distinct key at the end: a 100,000-user team holds
        // over a million pulls but a few hundred labels and a few dozen (provider, status) pairs, and a scrape during a
        // scan counts the growing team again each time.
        var providerUsers = new Dictionary<(string Provider, string? Status), int>();
        var labels = new Dictionary<PullLabel, int>(ReferenceEqualityComparer.Instance);
        var codes = FindingCodes.All;
        var findings = new int[codes.Count];
        var stale = 0;
        var users = snapshot.Users;
        foreach (var user in users)
        {
            foreach (var provider in user.Providers)
            {
                Increment(providerUsers, (provider, user.WorstStatusOf(provider)?.Value));
            }

            foreach (var pull in user.Pulls)
            {
                Increment(labels, pull.Label);
            }

            stale += user.IsStale ? 1 : 0;
            for (var mask = user.FindingMask; mask != 0; mask &= mask - 1)
            {
                findings[BitOperations.TrailingZeroCount(mask)]++;
            }
        }

        var findingCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < findings.Length; i++)
        {
            if (findings[i] > 0)
            {
                findingCounts[codes[i]] = findings[i];
            }
        }

        var pulls = new Dictionary<(string Provider, string? Status), int>();
        foreach (var (label, count) in labels)
        {
            Increment(pulls, (label.Provider, label.Status.Value), count);
        }

        return new TeamCensus(users.Count, AsLabels(providerUsers), AsLabels(pulls), findingCounts, stale);
    }

    /// <summary>The counts keyed by attribute values: keys that become the same value (<c>other</c>) add up.</summary>
    private static Dictionary<(string Provider, string Status), int> AsLabels(Dictionary<(string Provider, string? Status), int> counts)
    {
        var labelled = new Dictionary<(string, string), int>(counts.Count);
        foreach (var ((provider, status), count) in counts)
        {
            Increment(labelled, (LabelValue.Of(provider), LabelValue.Of(status)), count);
        }

        return labelled;
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key, int by = 1)
        where TKey : notnull =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += by;
}
