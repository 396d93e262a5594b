using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// <c>/</c>: the team's users from the shared snapshot, filtered on the server by the URL's <c>status</c>,
/// <c>provider</c>, <c>resource</c>, <c>q</c> and <c>attention</c>. The page holds no copy of the team.
/// </summary>
public sealed partial class TeamPage
{
    private TeamGrid? _grid;
    private IReadOnlyList<string> _problems = [];
    private string? _auditedQuery;

    [Inject]
    private ITeamSnapshots Snapshots { get; set; } = default!;

    [Inject]
    private TeamViewCache Views { get; set; } = default!;

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IPageAudit Audit { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "tz")]
    public string? Tz { get; set; }

    /// <summary>The grid's column sort: <c>latest</c>, <c>-latest</c> (descending)…; absent for the default order.</summary>
    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    private string? _sort;

    private TeamQuery Query { get; set; } = TeamQuery.Empty;

    private TeamSnapshot Snapshot => Snapshots.Current;

    private TeamSnapshot Scanning => Snapshots.Refreshing ?? Snapshots.Current;

    private bool IsScanning => !Snapshot.IsComplete || Snapshots.Refreshing is not null;

    private TeamViewResult View => Views.Get(Snapshot, Query, TeamSort.Default);

    private TeamFacets Facets => Views.Facets(Snapshot);

    protected override async Task OnInitializedAsync()
    {
        Snapshots.Changed += OnSnapshotChanged;
        await Snapshots.WhenFirstUsersAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
    }

    protected override async Task OnParametersSetAsync()
    {
        Times.SetMode(TimeDisplay.Parse(Tz));
        // A sort the grid does not know is ignored (the default order), never an error.
        _sort = Sort is { } s && TeamGrid.SortKeys.Contains(s.TrimStart('-')) ? s : null;
        var query = new Uri(Navigation.Uri).Query;
        Query = TeamQuery.Parse(query, out _problems);

        if (_auditedQuery != Query.ToQueryString())
        {
            _auditedQuery = Query.ToQueryString();
            await Audit.RecordAsync(AuditAction.TeamGrid, userId: null, Query.ToQueryString());
        }
    }

    private void Navigate(TeamQuery query) =>
        Navigation.NavigateTo(Links.Team(query, Times.Mode, _sort), replace: query.Search != Query.Search && query with { Search = Query.Search } == Query);

    /// <summary>Someone sorted by a column: the address says so, in place (a link then opens the grid sorted the same way).</summary>
    private void ChangeSort(string? sort)
    {
        _sort = sort;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("sort", sort), replace: true);
    }

    private void Refresh() => Snapshots.Refresh();

    /// <summary>"1 user", "1,200 users": the same digits in every culture.</summary>
    private static string CountOf(int count, string noun) =>
        $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {noun}{(count == 1 ? string.Empty : "s")}";

    private void OnSnapshotChanged() => InvokeAsync(async () =>
    {
        StateHasChanged();
        if (_grid is not null)
        {
            await _grid.ReloadAsync();
        }
    });

    public void Dispose() => Snapshots.Changed -= OnSnapshotChanged;
}
