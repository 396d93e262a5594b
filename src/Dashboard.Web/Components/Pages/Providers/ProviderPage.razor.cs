using Dashboard.Web.Data.Team;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Providers;

/// <summary>
/// <c>/providers/{provider}</c>: everyone on one provider from the shared snapshot — counts per status for each
/// resource (chart and table), then the users, failing and stuck first, each linking to their page in focus. What it
/// shows lives in <see cref="ProviderPageModel"/>.
/// </summary>
public sealed partial class ProviderPage : IDisposable
{
    private ProviderPageModel _model = null!;

    [Parameter]
    public string? Provider { get; set; }

    [SupplyParameterFromQuery(Name = "tz")]
    public string? Tz { get; set; }

    [Inject]
    private ITeamSnapshots Snapshots { get; set; } = default!;

    [Inject]
    private TeamViewCache Views { get; set; } = default!;

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private IPageAudit Audit { get; set; } = default!;

    private string ProvidersLink => TimeDisplay.ToQueryValue(Times.Mode) is { } tz ? $"/providers?tz={tz}" : "/providers";

    protected override void OnInitialized()
    {
        _model = new ProviderPageModel(Snapshots, Views);
        Snapshots.Changed += OnChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        Times.SetMode(TimeDisplay.Parse(Tz));
        if (_model.Load(Provider))
        {
            await Audit.RecordAsync(AuditAction.ProviderPage, userId: null, "provider=" + Provider);
        }
    }

    private void OnChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Snapshots.Changed -= OnChanged;
}
