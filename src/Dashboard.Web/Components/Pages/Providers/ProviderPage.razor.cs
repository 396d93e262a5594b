using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Input;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Providers;

/// <summary>
/// <c>/providers/{provider}</c>: everyone on one provider from the shared snapshot — counts per status for each
/// resource (chart and table), then the users, failing and stuck first, each linking to their page in focus.
/// </summary>
public sealed partial class ProviderPage
{
    private const int PageSize = 100;

    private bool _valid;
    private int _shown = PageSize;
    private string? _audited;

    [Parameter]
    public string? Provider { get; set; }

    [SupplyParameterFromQuery(Name = "tz")]
    public string? Tz { get; set; }

    [Inject]
    private ITeamSnapshots Snapshots { get; set; } = default!;

    [Inject]
    private TeamViewCache Views { get; set; } = default!;

    [Inject]
    private DiagnosisEngine Engine { get; set; } = default!;

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private IPageAudit Audit { get; set; } = default!;

    private TeamSnapshot Snapshot => Snapshots.Current;

    private ProviderView View => Views.Provider(Snapshot, Provider!, Engine);

    private string ProvidersLink => TimeDisplay.ToQueryValue(Times.Mode) is { } tz ? $"/providers?tz={tz}" : "/providers";

    private string TeamLink => Links.Team(TeamQuery.Empty with { Providers = [Provider!] }, Times.Mode);

    /// <summary>The team grid filtered to this provider's <paramref name="resource"/> pulls in <paramref name="status"/>: the users one count stands for.</summary>
    private string CountLink(string resource, string status) =>
        Links.Team(TeamQuery.Empty with { Providers = [Provider!], Resources = [resource], Statuses = [status] }, Times.Mode);

    /// <summary>Every status but success: the chart shows what has not (yet) succeeded, which a bar of successes would dwarf.</summary>
    private string[] ChartStatuses => [.. View.Statuses.Where(s => s != "success")];

    /// <summary>The resources with at least one pull not (yet) succeeded, most such pulls first (ties keep the table's order).</summary>
    private ProviderResourceCounts[] ChartResources
    {
        get
        {
            var statuses = ChartStatuses;
            return
            [
                .. View.Resources
                    .Select(r => (Resource: r, Count: statuses.Sum(s => r.UsersByStatus.GetValueOrDefault(s))))
                    .Where(x => x.Count > 0)
                    .OrderByDescending(x => x.Count)
                    .Select(x => x.Resource),
            ];
        }
    }

    /// <summary>One series per status (colour from the one palette), one bar per resource.</summary>
    private List<ChartSeries<double>> Series(ProviderResourceCounts[] resources) =>
    [
        .. ChartStatuses.Select(status => new ChartSeries<double>
        {
            Name = StatusPalette.For(status).Label,
            Data = new([.. resources.Select(r => (double)r.UsersByStatus.GetValueOrDefault(status))]),
        }),
    ];

    private static string[] Labels(ProviderResourceCounts[] resources) => [.. resources.Select(r => ProviderKnowledge.ResourceDisplayName(r.Resource))];

    private StackedBarChartOptions Options(ProviderResourceCounts[] resources)
    {
        var statuses = ChartStatuses;
        var highest = resources.Select(r => statuses.Sum(s => r.UsersByStatus.GetValueOrDefault(s))).DefaultIfEmpty(0).Max();
        return new()
        {
            ChartPalette = [.. statuses.Select(s => ChartColor(s))],
            YAxisTicks = TickStep(highest),
        };
    }

    /// <summary>A step of 1, 2 or 5 × a power of ten that gives the tallest bar at most ten ticks.</summary>
    internal static int TickStep(int highest)
    {
        for (var magnitude = 1; ; magnitude *= 10)
        {
            foreach (var multiple in (ReadOnlySpan<int>)[1, 2, 5])
            {
                if (highest <= 10 * multiple * magnitude)
                {
                    return multiple * magnitude;
                }
            }
        }
    }

    protected override void OnInitialized() => Snapshots.Changed += OnChanged;

    protected override async Task OnParametersSetAsync()
    {
        Times.SetMode(TimeDisplay.Parse(Tz));
        _valid = InputRules.IsSlug(Provider);
        if (!_valid)
        {
            // A name that cannot be a provider: say so without reading the team.
            return;
        }

        Snapshots.EnsureFresh();
        if (_audited != Provider)
        {
            _audited = Provider;
            _shown = PageSize;
            await Audit.RecordAsync(AuditAction.ProviderPage, userId: null, "provider=" + Provider);
        }
    }

    /// <summary>Charts draw with plain colours (no CSS variables); these match the palette's hues.</summary>
    private static string ChartColor(string status) => status switch
    {
        "success" => "#2e7d32",
        "failure" or "error" => "#d32f2f",
        "retrying" => "#b45309",
        "in_progress" => "#0277bd",
        "scheduled" => "#9e9e9e",
        _ => "#7b1fa2",
    };

    private void OnChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Snapshots.Changed -= OnChanged;
}
