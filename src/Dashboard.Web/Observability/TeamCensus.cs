using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Observability;

/// <summary>
/// The team snapshot counted for the gauges: users per provider and status, pulls per provider and status, users
/// per open finding code, stale users. Counted once per snapshot version, however many instruments read it.
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

    /// <summary>Users with a <c>data_stale</c> finding.</summary>
    public int StaleUsers { get; }

    public static TeamCensus Of(TeamSnapshot snapshot)
    {
        var providerUsers = new Dictionary<(string, string), int>();
        var pulls = new Dictionary<(string, string), int>();
        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        var stale = 0;
        var users = snapshot.Users;
        foreach (var user in users)
        {
            foreach (var provider in user.Providers)
            {
                Increment(providerUsers, (LabelValue.Of(provider), LabelValue.Of(user.WorstStatusOf(provider)?.Value)));
            }

            foreach (var pull in user.Pulls)
            {
                Increment(pulls, (LabelValue.Of(pull.Provider), LabelValue.Of(pull.Status.Value)));
            }

            foreach (var code in user.FindingCodesPresent)
            {
                Increment(findings, code);
            }

            stale += user.HasFinding(FindingCodes.DataStale) ? 1 : 0;
        }

        return new TeamCensus(users.Count, providerUsers, pulls, findings, stale);
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
