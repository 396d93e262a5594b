using Dashboard.Diagnosis;
using Dashboard.Web.Connections;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Filtered and sorted views of the snapshot, shared by every circuit: ten people looking at "failed pulls"
/// cost one filter pass, and a circuit holds no copy of the team. A view asked for by many at once is built once:
/// the others wait for that build (at 100,000 users a build is a pass over the team, and 200 circuits building the
/// same view side by side took seconds each).
/// </summary>
public sealed class TeamViewCache(DiagnosisThresholds thresholds, ClientUserIds clientUserIds, ConnectionReadings? connections = null)
{
    private const int Capacity = 32;

    private readonly Lock _gate = new();
    private readonly LinkedList<(ViewKey Key, TeamViewResult Result)> _views = new();
    private readonly Dictionary<ViewKey, Lazy<TeamViewResult>> _building = [];
    private int _builds;
    private readonly Dictionary<string, (long Generation, long Version, ProviderView View)> _providers = new(StringComparer.Ordinal);
    private (long Generation, long Version, TeamFacets Facets)? _facets;
    private (long Generation, long Version, IReadOnlyList<ProviderSummary> Summaries)? _summaries;

    /// <summary>The newest snapshot state a view was kept for: views of older ones are dropped, not left to age out.</summary>
    private (long Generation, long Version) _newest;

    /// <summary>Team views built so far, for tests.</summary>
    internal int Builds => Volatile.Read(ref _builds);

    /// <summary>Views kept (team views and provider views), for tests.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _views.Count + _providers.Count;
            }
        }
    }

    public TeamViewResult Get(TeamSnapshot snapshot, TeamQuery query, TeamSort sort)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // A search also matches the client user ids learnt so far: a view searched before one was learnt is not reused;
        // nor is one filtered by connection across a newer reading.
        var key = new ViewKey(
            snapshot.Generation,
            snapshot.Version,
            query.ToQueryString(),
            sort,
            query.Search is null ? 0 : clientUserIds.Version,
            query.Connections.IsEmpty ? 0 : connections?.Version ?? 0);
        Lazy<TeamViewResult>? build;
        lock (_gate)
        {
            for (var node = _views.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _views.Remove(node);
                    _views.AddFirst(node);
                    return node.Value.Result;
                }
            }

            if (!_building.TryGetValue(key, out build))
            {
                build = new Lazy<TeamViewResult>(
                    () =>
                    {
                        Interlocked.Increment(ref _builds);
                        return TeamViewBuilder.Build(snapshot.Users, query, sort, clientUserIds, connections);
                    },
                    LazyThreadSafetyMode.ExecutionAndPublication);
                _building[key] = build;
            }
        }

        TeamViewResult result;
        try
        {
            result = build.Value;
        }
        catch
        {
            // A failed build is not kept: the next caller tries again.
            lock (_gate)
            {
                Forget(key, build);
            }

            throw;
        }

        lock (_gate)
        {
            // Kept before the build is forgotten, so no caller in between builds it again.
            if (Forget(key, build) && KeepFor(snapshot))
            {
                _views.AddFirst((key, result));
                while (_views.Count > Capacity)
                {
                    _views.RemoveLast();
                }
            }
        }

        return result;
    }

    /// <summary>Drops a build once it is done; false when another waiter already did. Caller holds the lock.</summary>
    private bool Forget(ViewKey key, Lazy<TeamViewResult> build) =>
        _building.TryGetValue(key, out var current) && ReferenceEquals(current, build) && _building.Remove(key);

    public TeamFacets Facets(TeamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (_facets is { } cached && cached.Generation == snapshot.Generation && cached.Version == snapshot.Version)
            {
                return cached.Facets;
            }
        }

        var providers = new HashSet<string>(StringComparer.Ordinal);
        var resources = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new HashSet<PullStatus>();
        foreach (var user in snapshot.Users)
        {
            providers.UnionWith(user.Providers);
            foreach (var pull in user.Pulls)
            {
                resources.Add(pull.Resource);
                statuses.Add(pull.Status);
            }
        }

        var facets = new TeamFacets(
            [.. providers.Order(StringComparer.Ordinal)],
            [.. resources.Order(StringComparer.Ordinal)],
            [.. statuses.Order(StatusRanker.WorstFirst)]);
        lock (_gate)
        {
            _facets = (snapshot.Generation, snapshot.Version, facets);
        }

        return facets;
    }

    /// <summary>One provider's page figures, shared until the snapshot changes.</summary>
    public ProviderView Provider(TeamSnapshot snapshot, string provider)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (_providers.TryGetValue(provider, out var cached) && cached.Generation == snapshot.Generation && cached.Version == snapshot.Version)
            {
                return cached.View;
            }
        }

        var view = ProviderViewBuilder.Build(snapshot.Users, provider, thresholds);
        lock (_gate)
        {
            if (!KeepFor(snapshot))
            {
                return view;
            }

            if (_providers.Count > 64)
            {
                _providers.Clear();
            }

            _providers[provider] = (snapshot.Generation, snapshot.Version, view);
        }

        return view;
    }

    /// <summary>Every provider of the team with its figures, for <c>/providers</c>.</summary>
    public IReadOnlyList<ProviderSummary> ProviderSummaries(TeamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (_summaries is { } cached && cached.Generation == snapshot.Generation && cached.Version == snapshot.Version)
            {
                return cached.Summaries;
            }
        }

        var summaries = ProviderViewBuilder.Summaries(snapshot.Users);
        lock (_gate)
        {
            _summaries = (snapshot.Generation, snapshot.Version, summaries);
        }

        return summaries;
    }

    /// <summary>
    /// Whether a view of <paramref name="snapshot"/> may be kept. A newer snapshot (a refresh, or more users of the
    /// scan) drops the views of older ones: they hold users the team no longer has (a refreshed team, users since
    /// merged), which would otherwise stay in memory until 32 other views pushed them out. Caller holds the lock.
    /// </summary>
    private bool KeepFor(TeamSnapshot snapshot)
    {
        var state = (snapshot.Generation, snapshot.Version);
        if (state.CompareTo(_newest) < 0)
        {
            return false;
        }

        if (state.CompareTo(_newest) > 0)
        {
            _newest = state;
            for (var node = _views.First; node is not null;)
            {
                var next = node.Next;
                if ((node.Value.Key.Generation, node.Value.Key.Version).CompareTo(state) < 0)
                {
                    _views.Remove(node);
                }

                node = next;
            }

            foreach (var (provider, cached) in _providers.ToList())
            {
                if ((cached.Generation, cached.Version).CompareTo(state) < 0)
                {
                    _providers.Remove(provider);
                }
            }
        }

        return true;
    }

    private readonly record struct ViewKey(long Generation, long Version, string Query, TeamSort Sort, long ClientIds, long Connections);
}
