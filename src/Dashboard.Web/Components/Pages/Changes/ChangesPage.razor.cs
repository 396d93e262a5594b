using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Components.Pages.Changes;

/// <summary>
/// <c>/changes</c>: problems that appeared or cleared since a time, grouped by provider and finding code. The query
/// string is the view (<see cref="ChangesQuery"/>); the state is <see cref="ChangesPageModel"/>.
/// </summary>
public sealed partial class ChangesPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private DateTimeOffset? _lastVisit;

    [Inject]
    private ChangesPageModel Model { get; set; } = default!;

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IPageAudit Audit { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "tz")]
    public string? Tz { get; set; }

    protected override void OnInitialized() => Model.Status.Changed += OnStatusChanged;

    protected override async Task OnParametersSetAsync()
    {
        Times.SetMode(TimeDisplay.Parse(Tz));
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _lastVisit = await Browser.RememberChangesVisitAsync(Clock.GetUtcNow());
            if (_lastVisit is not null)
            {
                StateHasChanged();
            }
        }
    }

    private async Task ReloadAsync()
    {
        var uri = Navigation.ToAbsoluteUri(Navigation.Uri);
        var query = ChangesQuery.Parse(QueryHelpers.ParseQuery(uri.Query), Clock.GetUtcNow(), out var problems);
        await Model.LoadAsync(query, problems, _disposed.Token);
        if (Model.Error is null)
        {
            await Audit.RecordAsync(AuditAction.ChangesPage, userId: null, detail: query.ToQueryString());
        }
    }

    private void OnStatusChanged() => InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Model.Status.Changed -= OnStatusChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
