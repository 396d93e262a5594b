namespace Dashboard.Web.Data.Team;

/// <summary>The providers and resources present in a snapshot, for the filter menus.</summary>
public sealed record TeamFacets(IReadOnlyList<string> Providers, IReadOnlyList<string> Resources, IReadOnlyList<string> Statuses);

/// <summary>
/// Filtered and sorted views of the snapshot, shared by every circuit: ten people looking at "failed pulls"
/// cost one filter pass, and a circuit holds no copy of the team.
/// </summary>
public sealed class TeamViewCache
{
    private const int Capacity = 32;

    private readonly Lock _gate = new();
    private readonly LinkedList<(ViewKey Key, TeamViewResult Result)> _views = new();
    private (long Generation, long Version, TeamFacets Facets)? _facets;

    public TeamViewResult Get(TeamSnapshot snapshot, TeamQuery query, TeamSort sort)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var key = new ViewKey(snapshot.Generation, snapshot.Version, query.ToQueryString(), sort);
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
        }

        var result = TeamView.Apply(snapshot.Users, query, sort);
        lock (_gate)
        {
            _views.AddFirst((key, result));
            while (_views.Count > Capacity)
            {
                _views.RemoveLast();
            }
        }

        return result;
    }

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
        var statuses = new HashSet<string>(StringComparer.Ordinal);
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
            [.. statuses.OrderByDescending(Diagnosis.StatusOrder.Rank).ThenBy(s => s, StringComparer.Ordinal)]);
        lock (_gate)
        {
            _facets = (snapshot.Generation, snapshot.Version, facets);
        }

        return facets;
    }

    private readonly record struct ViewKey(long Generation, long Version, string Query, TeamSort Sort);
}
