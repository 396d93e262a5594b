using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// The users of the current view, virtualized: 10,000+ rows scroll smoothly because only the visible ones render.
/// Sorting is <see cref="TeamSort"/>'s, done once per view and order on the server; the page keeps it in the address.
/// A column's header is a button: a first press sorts by it ascending, the next descending, the third goes back to the
/// team's own order (who needs attention first), as MudDataGrid's single sort did.
/// </summary>
public sealed partial class TeamGrid : IDisposable
{
    /// <summary>The columns in order: title, header class, and the order a press on the header sorts by (null: none).</summary>
    private static readonly GridColumn[] Columns =
    [
        new("User", "mud-table-cell col-user", TeamSortColumn.UserId),
        new("Providers", "mud-table-cell col-providers", TeamSortColumn.Providers),
        new("Worst status", "mud-table-cell col-status", TeamSortColumn.WorstStatus),
        new("Findings", "mud-table-cell col-findings", TeamSortColumn.Findings),
        new("Connection", "mud-table-cell col-connection", null),
        new("Newest data", "mud-table-cell col-newest", TeamSortColumn.NewestData),
        new("Latest activity", "mud-table-cell col-latest", TeamSortColumn.LatestActivity),
    ];

    private static readonly MarkupString NoPulls = new("<span class=\"mud-text-secondary\">No pulls</span>");

    private Virtualize<TeamUser>? _rows;
    private TeamViewResult? _shown;
    private TeamSort _order = TeamSort.Default;
    private TeamSort? _orderAsked;

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

    public Task ReloadAsync() => _rows?.RefreshDataAsync() ?? Task.CompletedTask;

    protected override void OnInitialized() => Times.Changed += OnTimesChanged;

    /// <summary>The rows' times are markup: a new mode or the browser's zone, once known, redraws them.</summary>
    private void OnTimesChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Times.Changed -= OnTimesChanged;

    protected override async Task OnParametersSetAsync()
    {
        // The order from the address, when the address changed it (a press on a header changes both).
        var reload = false;
        if (_orderAsked != Sort)
        {
            _orderAsked = Sort;
            reload = _order != Sort;
            _order = Sort;
        }

        // A new view (filters changed, or more users arrived): the rows on screen are read from it again.
        if (_rows is not null && (reload || !ReferenceEquals(_shown, View)))
        {
            await _rows.RefreshDataAsync();
        }
    }

    private string? AriaSort(GridColumn column) =>
        column.Sort is not { } by || _order.IsDefault || _order.Column != by ? null : _order.Descending ? "descending" : "ascending";

    /// <summary>The order after a press on <paramref name="column"/>'s header, from <paramref name="order"/>.</summary>
    private static TeamSort Next(TeamSort order, TeamSortColumn column) =>
        order.IsDefault || order.Column != column ? new TeamSort(column, Descending: false)
        : !order.Descending ? new TeamSort(column, Descending: true)
        : TeamSort.Default;

    private async Task SortByAsync(TeamSortColumn column)
    {
        _order = Next(_order, column);
        if (_rows is not null)
        {
            await _rows.RefreshDataAsync();
        }

        await OnSortChanged.InvokeAsync(_order);
    }

    private ValueTask<ItemsProviderResult<TeamUser>> LoadAsync(ItemsProviderRequest request)
    {
        _shown = View;
        var users = _order.Apply(View, TeamSort.Default);
        var start = Math.Clamp(request.StartIndex, 0, users.Count);
        var count = Math.Clamp(request.Count, 0, users.Count - start);
        var page = new TeamUser[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = users[start + i];
        }

        // The rows on screen: learn their client ids in the background (a row still waiting for its id holds a
        // ClientIdLine, which draws it when it arrives).
        Prefetch.Request(page.Select(u => u.UserId));
        return ValueTask.FromResult(new ItemsProviderResult<TeamUser>(page, users.Count));
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
                await CopyButton.CopyAsync(Browser, Snackbar, userId);
                break;
            case null when e.Detail > 0:
                Navigation.NavigateTo(Links.User(userId, Mode));
                break;
        }
    }

    private sealed record GridColumn(string Title, string HeaderClass, TeamSortColumn? Sort);
}
