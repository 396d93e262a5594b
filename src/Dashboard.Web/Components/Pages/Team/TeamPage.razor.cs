using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// <c>/</c>: the team's users from the shared snapshot, filtered on the server by the address's <c>status</c>,
/// <c>provider</c>, <c>resource</c>, <c>q</c> and <c>attention</c>, sorted by its <c>sort</c>. What it shows lives in
/// <see cref="TeamPageModel"/>; the page holds no copy of the team.
/// </summary>
public sealed partial class TeamPage : IDisposable
{
    private TeamGrid? _grid;
    private TeamPageModel _model = null!;

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

    protected override async Task OnInitializedAsync()
    {
        _model = new TeamPageModel(Snapshots, Views);
        Snapshots.Changed += OnSnapshotChanged;
        await Snapshots.WhenFirstUsersAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
    }

    protected override async Task OnParametersSetAsync()
    {
        Times.SetMode(TimeDisplay.Parse(Tz));
        if (_model.Load(new Uri(Navigation.Uri).Query, Sort))
        {
            await Audit.RecordAsync(AuditAction.TeamGrid, userId: null, _model.Query.ToQueryString());
        }
    }

    private void Navigate(TeamQuery query) =>
        Navigation.NavigateTo(_model.Link(query, Times.Mode), replace: _model.ReplacesHistory(query));

    /// <summary>Someone sorted by a column: the address says so, in place (a link then opens the grid sorted the same way).</summary>
    private void ChangeSort(TeamSort sort) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("sort", sort.ToQueryValue()), replace: true);

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
