using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// <c>/</c>: the team's users from the shared snapshot, filtered on the server by the address's <c>status</c>,
/// <c>provider</c>, <c>resource</c>, <c>connection</c>, <c>q</c>, <c>attention</c> and <c>stale</c>, sorted by its <c>sort</c>. What it
/// shows lives in <see cref="TeamPageModel"/>; the page holds no copy of the team. A search no Vital user id (or known
/// client user id) matches is asked of Vital as a client user id, and a user found that way opens.
/// </summary>
public sealed partial class TeamPage : IDisposable
{
    private static readonly string RefreshButton = Shared.ButtonLook.Classes(MudBlazor.Variant.Text, MudBlazor.Size.Medium);
    private static readonly MarkupString RefreshLabel = Shared.ButtonLook.Label(Shared.TrustedIcon.Refresh, "Refresh");
    private static readonly string CsvButton = Shared.ButtonLook.Classes(MudBlazor.Variant.Outlined, MudBlazor.Size.Medium);
    private static readonly MarkupString CsvLabel = Shared.ButtonLook.Label(Shared.TrustedIcon.Download, "Download CSV");

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

    [Inject]
    private IDiagnosisService Diagnoses { get; set; } = default!;

    [Inject]
    private IOptions<VitalOptions> Vital { get; set; } = default!;

    [Inject]
    private ClientUserIds ClientIds { get; set; } = default!;

    [Inject]
    private Connections.SweepStatus Sweep { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>The search last asked of Vital as a client user id, and what came of it.</summary>
    private (string Search, ClientIdLookup State, string? Problem)? _lookup;

    private enum ClientIdLookup
    {
        Looking,
        Found,
        NotFound,
        Failed,
    }

    [SupplyParameterFromQuery(Name = "tz")]
    public string? Tz { get; set; }

    /// <summary>The grid's column sort: <c>latest</c>, <c>-latest</c> (descending)…; absent for the default order.</summary>
    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _model = new TeamPageModel(Snapshots, Views, Sweep, Time);
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

        await LookUpClientUserIdAsync();
    }

    /// <summary>
    /// The search box takes either id. A client user id pasted whole opens its user, whether the grid already knows it
    /// or not: one row whose known client user id is exactly the text opens at once; when no row matches (no Vital user
    /// id holds the text, nor any client id known so far), the text is asked of Vital, exactly as typed, and a user
    /// found opens. The user page replaces the search in the history, so Back does not land on a search that opens it
    /// again.
    /// </summary>
    private async Task LookUpClientUserIdAsync()
    {
        if (_model.Query.Search is not { } search || !_model.Snapshot.HasStarted
            || !Input.InputRules.IsClientUserId(search) || _lookup?.Search == search)
        {
            return;
        }

        if (_model.View.Users is [var only] && string.Equals(ClientIds.Of(only.UserId), search, StringComparison.Ordinal))
        {
            await OpenFoundAsync(search, only.UserId);
            return;
        }

        if (_model.View.Users.Count > 0)
        {
            return;
        }

        _lookup = (search, ClientIdLookup.Looking, null);
        StateHasChanged();
        try
        {
            if (await Diagnoses.ResolveAsync(search) is { } userId)
            {
                await OpenFoundAsync(search, userId);
                return;
            }

            _lookup = (search, ClientIdLookup.NotFound, null);
        }
        catch (VitalApiException ex)
        {
            _lookup = (search, ClientIdLookup.Failed, Api.UpstreamProblems.Describe(ex).Detail);
        }
    }

    private async Task OpenFoundAsync(string search, string userId)
    {
        _lookup = (search, ClientIdLookup.Found, null);
        await Audit.RecordAsync(AuditAction.ClientUserIdLookup, userId, "grid search");
        Navigation.NavigateTo(Links.User(userId, Times.Mode), replace: true);
    }

    /// <summary>What the empty state says about the client-id lookup of the current search; null when none was made.</summary>
    private string? LookupMessage => _lookup is { } lookup && lookup.Search == _model.Query.Search
        ? lookup.State switch
        {
            ClientIdLookup.Looking => $"No Vital user id here holds this text: asking Vital whether it is a client user id…",
            ClientIdLookup.Found => null,
            ClientIdLookup.NotFound => $"No Vital user id here holds this text, and Vital knows no user whose client user id is exactly this in {Api.ClientUserIdLookup.Asked(Vital.Value)}. Check for a typo, or whether the user belongs to another environment.",
            _ => $"No Vital user id here holds this text, and Vital could not be asked whether it is a client user id: {lookup.Problem}",
        }
        : null;

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
