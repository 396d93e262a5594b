namespace Dashboard.Diagnosis;

/// <summary>
/// Counts over a team's users for the grid's header and the provider view, built one user at a time as pages
/// stream in. Not thread-safe: fill it from one thread (or lock around it), then read it. A user id added twice
/// counts once (the first one wins), so a repeated page does not inflate the counts.
/// </summary>
public sealed class TeamSummary
{
    private readonly HashSet<string> _userIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pullsByStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pullsByProvider = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _usersByProvider = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pullsByResource = new(StringComparer.Ordinal);
    private readonly Dictionary<PullKey, int> _pulls = [];
    private readonly Dictionary<Severity, int> _usersBySeverity = [];
    private readonly Dictionary<string, int> _usersByFindingCode = new(StringComparer.Ordinal);
    private readonly List<string> _usersNeedingAttention = [];
    private readonly Dictionary<string, List<string>> _usersNeedingAttentionByProvider = new(StringComparer.Ordinal);

    /// <summary>How many distinct users were added.</summary>
    public int Users => _userIds.Count;

    /// <summary>How many pulls there are, over every user and provider.</summary>
    public int Pulls { get; private set; }

    /// <summary>Pulls per status (verbatim, so unknown values get their own count).</summary>
    public IReadOnlyDictionary<string, int> PullsByStatus => _pullsByStatus;

    /// <summary>Pulls per provider slug.</summary>
    public IReadOnlyDictionary<string, int> PullsByProvider => _pullsByProvider;

    /// <summary>Users connected to each provider (including those whose provider pulled nothing).</summary>
    public IReadOnlyDictionary<string, int> UsersByProvider => _usersByProvider;

    /// <summary>Pulls per resource name.</summary>
    public IReadOnlyDictionary<string, int> PullsByResource => _pullsByResource;

    /// <summary>Pulls per (provider, resource, status): the provider view's table.</summary>
    public IReadOnlyDictionary<PullKey, int> PullsByKey => _pulls;

    /// <summary>Users per overall severity.</summary>
    public IReadOnlyDictionary<Severity, int> UsersBySeverity => _usersBySeverity;

    /// <summary>Users with at least one finding of each code.</summary>
    public IReadOnlyDictionary<string, int> UsersByFindingCode => _usersByFindingCode;

    /// <summary>Users with a critical or warning finding.</summary>
    public int NeedsAttentionCount => _usersNeedingAttention.Count;

    /// <summary>Their user ids, in the order they were added.</summary>
    public IReadOnlyList<string> UsersNeedingAttention => _usersNeedingAttention;

    /// <summary>Users with a critical or warning finding about <paramref name="provider"/>, in the order they were added.</summary>
    public IReadOnlyList<string> UsersNeedingAttentionFor(string provider) =>
        _usersNeedingAttentionByProvider.TryGetValue(provider, out var users) ? users : [];

    /// <summary>Pulls matching every given filter (null matches anything), e.g. failures of Oura sleep.</summary>
    public int CountPulls(string? provider = null, string? resource = null, string? status = null)
    {
        var total = 0;
        foreach (var (key, count) in _pulls)
        {
            if ((provider is null || key.Provider == provider)
                && (resource is null || key.Resource == resource)
                && (status is null || key.Status == status))
            {
                total += count;
            }
        }

        return total;
    }

    /// <summary>Adds a user; false (and nothing counted) when the user id was already added.</summary>
    public bool Add(UserDiagnosis diagnosis) => Add(UserSummary.From(diagnosis));

    /// <summary>Adds a user; false (and nothing counted) when the user id was already added.</summary>
    public bool Add(UserSummary user)
    {
        ArgumentNullException.ThrowIfNull(user);

        if (!_userIds.Add(user.UserId))
        {
            return false;
        }

        Increment(_usersBySeverity, user.Overall);
        foreach (var provider in user.Providers)
        {
            Increment(_usersByProvider, provider);
        }

        foreach (var code in user.FindingCodes)
        {
            Increment(_usersByFindingCode, code);
        }

        foreach (var pull in user.Pulls)
        {
            Pulls++;
            Increment(_pulls, pull);
            Increment(_pullsByStatus, pull.Status);
            Increment(_pullsByProvider, pull.Provider);
            Increment(_pullsByResource, pull.Resource);
        }

        if (user.NeedsAttention)
        {
            _usersNeedingAttention.Add(user.UserId);
            foreach (var provider in user.ProvidersNeedingAttention)
            {
                if (!_usersNeedingAttentionByProvider.TryGetValue(provider, out var users))
                {
                    users = [];
                    _usersNeedingAttentionByProvider[provider] = users;
                }

                users.Add(user.UserId);
            }
        }

        return true;
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
