using Dashboard.Web.Data.Team;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// The users of the current view, virtualized: 10,000+ rows scroll smoothly because only the visible ones render.
/// Sorting is <see cref="TeamSort"/>'s, done once per view and order on the server; the page keeps it in the address.
/// </summary>
public sealed partial class TeamGrid : IDisposable
{
    private MudDataGrid<TeamUser>? _grid;
    private TemplateColumn<TeamUser>? _columnUser;
    private TemplateColumn<TeamUser>? _columnProviders;
    private TemplateColumn<TeamUser>? _columnStatus;
    private TemplateColumn<TeamUser>? _columnFindings;
    private TemplateColumn<TeamUser>? _columnLatest;
    private TemplateColumn<TeamUser>? _columnNewest;
    private TeamViewResult? _shown;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private Data.ClientUserIdPrefetch Prefetch { get; set; } = default!;

    [Inject]
    private Data.ClientUserIds ClientIds { get; set; } = default!;

    [Inject]
    private Dashboard.Web.Connections.ConnectionReadings Connections { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The users to show, in <see cref="TeamSort.Default"/> order.</summary>
    [Parameter, EditorRequired]
    public required TeamViewResult View { get; set; }

    [Parameter]
    public TimeDisplayMode Mode { get; set; }

    [Parameter]
    public bool Loading { get; set; }

    /// <summary>What the grid says while <see cref="Loading"/> and no row is there yet.</summary>
    [Parameter]
    public string LoadingText { get; set; } = "Reading users from Vital…";

    /// <summary>The order from the address.</summary>
    [Parameter]
    public TeamSort Sort { get; set; } = TeamSort.Default;

    /// <summary>Raised with the new order when someone sorts by a column (<see cref="TeamSort.Default"/> when the sort is removed).</summary>
    [Parameter]
    public EventCallback<TeamSort> OnSortChanged { get; set; }

    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    protected override void OnInitialized() => Times.Changed += OnTimesChanged;

    /// <summary>The rows' times are markup: a new mode or the browser's zone, once known, redraws them.</summary>
    private void OnTimesChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Times.Changed -= OnTimesChanged;

    protected override async Task OnParametersSetAsync()
    {
        // A new view (filters changed, or more users arrived): show it from the top of the data.
        if (_grid is not null && !ReferenceEquals(_shown, View))
        {
            await _grid.ReloadServerData();
        }
    }

    private SortDirection Initial(TeamSortColumn column) =>
        Sort.Column != column || Sort.IsDefault ? SortDirection.None
        : Sort.Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>The grid names a sort by its column's own id: the order it stands for.</summary>
    private TeamSort OrderOf(SortDefinition<TeamUser>? sort)
    {
        var by = sort?.SortBy;
        TeamSortColumn? column =
            by is null ? null
            : by == _columnUser?.PropertyName ? TeamSortColumn.UserId
            : by == _columnProviders?.PropertyName ? TeamSortColumn.Providers
            : by == _columnStatus?.PropertyName ? TeamSortColumn.WorstStatus
            : by == _columnFindings?.PropertyName ? TeamSortColumn.Findings
            : by == _columnLatest?.PropertyName ? TeamSortColumn.LatestActivity
            : by == _columnNewest?.PropertyName ? TeamSortColumn.NewestData
            : null;
        return column is { } c ? new TeamSort(c, sort!.Descending) : TeamSort.Default;
    }

    private Task OnGridSortChanged(Dictionary<string, SortDefinition<TeamUser>> sorts)
    {
        var order = OrderOf(sorts.Values.OrderBy(s => s.Index).FirstOrDefault());
        return order == Sort ? Task.CompletedTask : OnSortChanged.InvokeAsync(order);
    }

    private Task<GridData<TeamUser>> LoadAsync(GridStateVirtualize<TeamUser> state, CancellationToken cancellationToken)
    {
        _shown = View;
        var users = OrderOf(state.SortDefinitions.FirstOrDefault()).Apply(View, TeamSort.Default);
        var start = Math.Clamp(state.StartIndex, 0, users.Count);
        var count = Math.Clamp(state.Count, 0, users.Count - start);
        var page = new TeamUser[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = users[start + i];
        }

        // The rows on screen: learn their client ids in the background (a row still waiting for its id holds a
        // ClientIdLine, which draws it when it arrives).
        Prefetch.Request(page.Select(u => u.UserId));
        return Task.FromResult(new GridData<TeamUser> { Items = page, TotalItems = users.Count });
    }

    /// <summary>
    /// A click in the grid's body: a mouse click on a row opens its user; the copy button copies its row's user id; any
    /// other link or button (the user's link, a provider chip) does its own thing. The user id comes from the page, so
    /// it must read as one.
    /// </summary>
    private async Task OnRowClickAsync(TeamRowEventArgs e)
    {
        if (!Input.InputRules.TryNormalizeUserId(e.UserId, out var userId))
        {
            return;
        }

        switch (e.Action)
        {
            case TeamRowActions.CopyUserId:
                await Shared.CopyButton.CopyAsync(Browser, Snackbar, userId);
                break;
            case null when e.Detail > 0:
                Navigation.NavigateTo(Links.User(userId, Mode));
                break;
        }
    }
}
