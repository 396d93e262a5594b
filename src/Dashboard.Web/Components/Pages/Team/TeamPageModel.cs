using Dashboard.Diagnosis;
using Dashboard.Web.Connections;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// What <c>/</c> shows, without rendering: the filters and order from the address, the shared snapshot and its view,
/// the scan's progress and trouble in words, the connection sweep's progress, and the links that keep the order.
/// </summary>
public sealed class TeamPageModel(ITeamSnapshots snapshots, TeamViewCache views, SweepStatus? sweep = null, TimeProvider? timeProvider = null)
{
    private string? _loadedQuery;

    public TeamQuery Query { get; private set; } = TeamQuery.Empty;

    /// <summary>The address's filter values that cannot be used, in words (the rest still apply).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public TeamSort Sort { get; private set; } = TeamSort.Default;

    /// <summary>The snapshot shown: the last complete one, or the first scan while it runs.</summary>
    public TeamSnapshot Snapshot => snapshots.Current;

    /// <summary>A scan runs: the first one, or a refresh behind the snapshot shown.</summary>
    public bool IsScanning => !Snapshot.IsComplete || snapshots.Refreshing is not null;

    /// <summary>The users the filters select, in the default order (the grid applies <see cref="Sort"/>).</summary>
    public TeamViewResult View => views.Get(Snapshot, Query, TeamSort.Default);

    public TeamFacets Facets => views.Facets(Snapshot);

    /// <summary>What is being read while the grid has no rows yet: the team from Vital, or after a restart the stored team.</summary>
    public string LoadingText => Snapshot.IsLoadingStored ? "Loading the stored team…" : "Reading users from Vital…";

    /// <summary>
    /// "Reading users from Vital: 1,200 users so far (24 pages)…", or after a restart, while the team stored by the
    /// last scan is read: "Loading the team as Vital showed it 2 h 5 min ago: 40,960 of 98,485 users so far…".
    /// </summary>
    public string ScanProgress
    {
        get
        {
            if (Snapshot is { IsLoadingStored: true, StoredUsers: { } total } loading)
            {
                var age = (timeProvider ?? TimeProvider.System).GetUtcNow() - loading.StartedAt;
                return $"Loading the team as Vital showed it {TextFormatter.ShortDuration(age)} ago: {TextFormatter.Count(loading.Count)} of {TextFormatter.Count(total, "user")} so far…";
            }

            var scanning = snapshots.Refreshing ?? Snapshot;
            var what = snapshots.Refreshing is null ? "Reading users from Vital" : "Refreshing from Vital";
            return $"{what}: {TextFormatter.Count(scanning.Progress.Users, "user")} so far ({TextFormatter.Count(scanning.Progress.Pages, "page")})…";
        }
    }

    /// <summary>
    /// "Connections read for 12,345 of 100,000 users; this round started 3 h ago; about 9 h left." Null while the sweep
    /// is off or the team has no users yet.
    /// </summary>
    public string? SweepLine =>
        sweep?.Progress(Snapshot) is { Users: > 0 } progress ? progress.Describe((timeProvider ?? TimeProvider.System).GetUtcNow()) : null;

    /// <summary>Why the scan stopped, as a banner's title; null when it did not.</summary>
    public string? ErrorTitle => Snapshot.Error is null ? null
        : Snapshot.Count == 0 ? "The team could not be read from Vital"
        : $"Only {TextFormatter.Count(Snapshot.Count, "user")} could be read before Vital stopped answering";

    /// <summary>The last refresh failed while the earlier list stays on screen.</summary>
    public string? RefreshError => Snapshot.Error is null ? snapshots.LastRefreshError : null;

    /// <summary>
    /// What the refresh warning says first: the earlier list stays, or (a replica following a scanning one that has not
    /// published a team yet, ADR 0017) there is no list to show.
    /// </summary>
    public string RefreshErrorLead => Snapshot.CompletedAt is null && Snapshot.Count == 0
        ? "The team could not be read yet."
        : "The last refresh failed, so this is the earlier list.";

    /// <summary>No user matches while nothing is being read and nothing went wrong: the empty state.</summary>
    public bool ShowsEmptyState => View.Users.Count == 0 && !IsScanning && Snapshot.Error is null;

    /// <summary>
    /// Reads the address's filters and order. True when the filters differ from the last ones read (worth an audit
    /// line); an order the grid does not know is the default order, never an error.
    /// </summary>
    public bool Load(string queryString, string? sort)
    {
        Sort = TeamSort.Parse(sort);
        Query = TeamQuery.Parse(queryString, out var problems);
        Problems = problems;
        var changed = _loadedQuery != Query.ToQueryString();
        _loadedQuery = Query.ToQueryString();
        return changed;
    }

    /// <summary>The grid with other filters, keeping the order and time display.</summary>
    public string Link(TeamQuery query, TimeDisplayMode mode) => Links.Team(query, mode, Sort.ToQueryValue());

    /// <summary>Typing in the search box replaces the history entry; any other filter change adds one.</summary>
    public bool ReplacesHistory(TeamQuery next) => next.Search != Query.Search && next with { Search = Query.Search } == Query;

    /// <summary>Set when Refresh was asked for too soon after the last scan: when it may read the team again.</summary>
    public DateTimeOffset? RefreshDeferredUntil { get; private set; }

    /// <summary>Asks for the team again; a scan that ended moments ago is not repeated, and the page says until when.</summary>
    public void Refresh()
    {
        snapshots.Refresh();
        RefreshDeferredUntil = snapshots.RefreshAllowedAt;
    }
}
