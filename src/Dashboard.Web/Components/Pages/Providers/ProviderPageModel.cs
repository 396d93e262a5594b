using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Input;
using Dashboard.Web.Ui;
using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Components.Pages.Providers;

/// <summary>
/// What <c>/providers/{provider}</c> shows, without rendering: the provider's figures from the shared snapshot, the
/// chart's series and ticks (every status but success), the count links, and how many users are shown so far.
/// </summary>
public sealed class ProviderPageModel(ITeamSnapshots snapshots, TeamViewCache views)
{
    /// <summary>Users shown at first, and added by each "Show more".</summary>
    public const int PageSize = 100;

    /// <summary>The provider slug from the address; null until <see cref="Load"/>.</summary>
    public string? Provider { get; private set; }

    /// <summary>The address held a provider name (a slug): only then is the team read.</summary>
    public bool IsValid { get; private set; }

    public int Shown { get; private set; } = PageSize;

    public string DisplayName => ProviderKnowledge.ProviderDisplayName(Provider ?? string.Empty);

    public TeamSnapshot Snapshot => snapshots.Current;

    /// <summary>The provider's figures, shared by every page showing them until the snapshot changes.</summary>
    public ProviderView View => views.Provider(Snapshot, Provider!);

    /// <summary>Every status but success: the chart shows what has not (yet) succeeded, which a bar of successes would dwarf.</summary>
    public PullStatus[] ChartStatuses => [.. View.Statuses.Where(s => s != PullStatus.Success)];

    /// <summary>The resources with at least one pull not (yet) succeeded, most such pulls first (ties keep the table's order).</summary>
    public ProviderResourceCounts[] ChartResources
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

    /// <summary>
    /// Reads the address's provider. A name that cannot be a provider asks nothing of the team; a new provider starts
    /// its list from the top. True when the page shows another provider than before (worth an audit line).
    /// </summary>
    public bool Load(string? provider)
    {
        IsValid = InputRules.IsSlug(provider);
        if (!IsValid)
        {
            // Coming back to the provider shown before is a new visit: it starts from the top and is audited again.
            Provider = null;
            return false;
        }

        snapshots.EnsureFresh();
        if (provider == Provider)
        {
            return false;
        }

        Provider = provider;
        Shown = PageSize;
        return true;
    }

    public void ShowMore() => Shown += PageSize;

    /// <summary>How many "Show more" adds, and how many are left.</summary>
    public (int Next, int Left) More => (Math.Clamp(View.Users.Count - Shown, 0, PageSize), Math.Max(0, View.Users.Count - Shown));

    /// <summary>The team grid filtered to this provider.</summary>
    public string TeamLink(TimeDisplayMode mode) => Links.Team(TeamQuery.Empty with { Providers = [Provider!] }, mode);

    /// <summary>The team grid filtered to this provider's <paramref name="resource"/> pulls in <paramref name="status"/>: the users one count stands for.</summary>
    public string CountLink(string resource, PullStatus status, TimeDisplayMode mode) =>
        Links.Team(TeamQuery.Empty with { Providers = [Provider!], Resources = [resource], Statuses = [status] }, mode);

    /// <summary>The team grid filtered to users with stale data of this provider's <paramref name="resource"/>.</summary>
    public string StaleLink(string resource, TimeDisplayMode mode) =>
        Links.Team(TeamQuery.Empty with { Providers = [Provider!], Resources = [resource], StaleOnly = true }, mode);

    /// <summary>
    /// One series per status colour (the one palette; the legacy <c>error</c> counted with the failures, which share
    /// its colour), one bar per resource.
    /// </summary>
    public List<ChartSeries<double>> Series(ProviderResourceCounts[] resources) =>
    [
        .. StatusPalette.ChartSeries(ChartStatuses).Select(series => new ChartSeries<double>
        {
            Name = series.Label,
            Data = new([.. resources.Select(r => (double)series.Statuses.Sum(s => r.UsersByStatus.GetValueOrDefault(s)))]),
        }),
    ];

    public static string[] Labels(ProviderResourceCounts[] resources) => [.. resources.Select(r => ProviderKnowledge.ResourceDisplayName(r.Resource))];

    public StackedBarChartOptions ChartOptions(ProviderResourceCounts[] resources)
    {
        var statuses = ChartStatuses;
        var highest = resources.Select(r => statuses.Sum(s => r.UsersByStatus.GetValueOrDefault(s))).DefaultIfEmpty(0).Max();
        return new()
        {
            ChartPalette = [.. StatusPalette.ChartSeries(statuses).Select(s => s.ChartColor)],
            YAxisTicks = TickInterval(highest),
        };
    }

    /// <summary>A step of 1, 2 or 5 × a power of ten that gives the tallest bar at most ten ticks.</summary>
    public static int TickInterval(int highest)
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
}
