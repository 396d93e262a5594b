using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary><c>/users/{userId}</c>: one user's diagnosis. State lives in <see cref="UserPageState"/>.</summary>
public sealed partial class UserPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private string? _audited;

    [Parameter]
    public string? UserId { get; set; }

    [SupplyParameterFromQuery(Name = "focus")]
    public string? Focus { get; set; }

    [SupplyParameterFromQuery(Name = "tz")]
    public string? Tz { get; set; }

    /// <summary>The resource whose pull is selected, of the provider in <see cref="Focus"/> ("Show this pull", a timeline bar, a table row).</summary>
    [SupplyParameterFromQuery(Name = "pull")]
    public string? Pull { get; set; }

    /// <summary><c>range</c> for the timeline's data-range view; absent for the pull timeline.</summary>
    [SupplyParameterFromQuery(Name = "view")]
    public string? View { get; set; }

    /// <summary>The timeline's span: <c>all</c>, or a provider to fit its axis to; absent to let the timeline choose.</summary>
    [SupplyParameterFromQuery(Name = "span")]
    public string? Span { get; set; }

    /// <summary>The selected pull's key (<c>provider/resource</c>), read from the address: its only home.</summary>
    private string? Selected => Focus is not null && Input.InputRules.IsSlug(Pull) ? $"{Focus}/{Pull}" : null;

    private TimelineView TimelineView => string.Equals(View, "range", StringComparison.Ordinal) ? TimelineView.DataRange : TimelineView.Pulls;

    [Inject]
    private UserPageState State { get; set; } = default!;

    [Inject]
    private UserHistoryState History { get; set; } = default!;

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IPageAudit Audit { get; set; } = default!;

    protected override void OnInitialized()
    {
        State.Changed += OnStateChanged;
        // The browser's zone arrives after the first render: the timeline and the resources' days must follow it
        // (a link with tz=local showed them in UTC until something else re-rendered the page).
        Times.Changed += OnTimesChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        Times.SetMode(TimeDisplay.Parse(Tz));
        if (Focus is not null && !Input.InputRules.IsSlug(Focus))
        {
            Focus = null;
        }

        await State.LoadAsync(UserId);
        if (State.UserId is { } id && _audited != id)
        {
            _audited = id;
            await Audit.RecordAsync(AuditAction.UserPage, id, Focus is null ? null : "focus=" + Focus);
        }

        if (State.UserId is { } user)
        {
            await History.LoadAsync(user, _disposed.Token);
        }
    }

    private Task OnStateChanged() => InvokeAsync(StateHasChanged);

    /// <summary>"Still reading the ongoing data from Vital…": the sources not in yet.</summary>
    private static string StillReading(Dashboard.Diagnosis.UserSources sources)
    {
        var waiting = new[]
        {
            sources.User.State == Dashboard.Diagnosis.SourceState.NotRead ? "the user" : null,
            sources.Connections.State == Dashboard.Diagnosis.SourceState.NotRead ? "the connections" : null,
            sources.Pulls.State == Dashboard.Diagnosis.SourceState.NotRead ? "the historical pulls" : null,
            sources.Resources.State == Dashboard.Diagnosis.SourceState.NotRead ? "the ongoing data" : null,
        }.OfType<string>().ToList();
        return $"Still reading {Dashboard.Diagnosis.TextFormatter.List(waiting)} from Vital; the findings below may grow.";
    }

    private void OnTimesChanged() => _ = InvokeAsync(StateHasChanged);

    /// <summary>Another provider's tab: the selected pull was one of the previous provider's, so it goes.</summary>
    private void ShowProvider(string provider) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["focus"] = provider,
            ["pull"] = provider == Focus ? Pull : null,
        }), replace: true);

    /// <summary>
    /// A timeline bar, table row or finding was chosen: that provider's tab, the resource's row marked, both in the
    /// address so a copied link shows the same pull.
    /// </summary>
    private Task SelectAsync(string key)
    {
        Navigation.NavigateTo(PullUri(key), replace: true);
        return Task.CompletedTask;
    }

    /// <summary>This page's address with <paramref name="key"/>'s provider in focus and its resource's pull selected.</summary>
    private string PullUri(string key)
    {
        var parts = key.Split('/', 2);
        return Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["focus"] = parts[0],
            ["pull"] = parts.Length == 2 ? parts[1] : null,
        });
    }

    private void ChangeSpan(string span) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("span", span), replace: true);

    private void ChangeView(TimelineView view) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("view", view == TimelineView.DataRange ? "range" : null), replace: true);

    public void Dispose()
    {
        State.Changed -= OnStateChanged;
        State.Reset();
        Times.Changed -= OnTimesChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
