using Dashboard.Diagnosis;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.History;
using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Components.Pages.Providers;

/// <summary>
/// The provider page's trends, from the history store: problems per day over the last 30 days, per finding code
/// (warnings and criticals) and per status (pulls not succeeded), and each resource's median and 95th percentile time
/// from scheduled to ended. A store that cannot be read is said in words; the rest of the page does not need it.
/// </summary>
public sealed class ProviderTrendsModel(IHistoryReader reader, TeamScope scope, TimeProvider timeProvider)
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    public bool Loading { get; private set; } = true;

    /// <summary>Why the history could not be read, in words; null when it was.</summary>
    public string? Error { get; private set; }

    public ProviderTrends? Trends { get; private set; }

    public IReadOnlyList<DayCounts> Days => Trends?.Days ?? [];

    /// <summary>Problem finding codes seen on any day, the most severe first.</summary>
    public IReadOnlyList<string> Codes { get; private set; } = [];

    /// <summary>Statuses other than success seen on any day, in the legend's order.</summary>
    public IReadOnlyList<PullStatus> Statuses { get; private set; } = [];

    public async Task LoadAsync(string provider, CancellationToken cancellationToken)
    {
        Loading = true;
        Error = null;
        try
        {
            Trends = await reader.GetProviderTrendsAsync(scope.Value, provider, timeProvider.GetUtcNow() - Span, cancellationToken).ConfigureAwait(false);
            Codes =
            [
                .. Trends.Days.SelectMany(d => d.Findings.Keys).Distinct(StringComparer.Ordinal)
                    .Where(c => FindingCodes.All.Contains(c, StringComparer.Ordinal) && FindingCodes.SeverityOf(c).NeedsAttention())
                    .OrderByDescending(FindingCodes.SeverityOf).ThenBy(c => c, StringComparer.Ordinal),
            ];
            var seen = Trends.Days.SelectMany(d => d.Statuses.Keys).Select(s => new PullStatus(s)).Where(s => s != PullStatus.Success).Distinct().ToList();
            var legend = StatusPalette.Legend.Select(l => l.Status).OfType<PullStatus>().ToList();
            Statuses = [.. legend.Where(seen.Contains), .. seen.Where(s => !legend.Contains(s))];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Trends = null;
            Error = $"The history could not be read: {StoreFailure.Describe(ex)}. Everything else on this page is current.";
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>The days as the charts label them (UTC dates, month-day).</summary>
    public string[] Labels => [.. Days.Select(d => d.Day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture))];

    public List<ChartSeries<double>> CodeSeries =>
        [.. Codes.Select(code => new ChartSeries<double> { Name = code, Data = new([.. Days.Select(d => (double)d.Findings.GetValueOrDefault(code))]) })];

    /// <summary>One series per status colour: the legacy <c>error</c> counted with the failures, which share its colour.</summary>
    public List<ChartSeries<double>> StatusSeries =>
    [
        .. StatusPalette.ChartSeries(Statuses).Select(series => new ChartSeries<double>
        {
            Name = series.Label,
            Data = new([.. Days.Select(d => (double)series.Statuses.Sum(s => d.Statuses.GetValueOrDefault(s.Value)))]),
        }),
    ];

    /// <summary>Each code in its own colour, the same on every provider's chart (<see cref="FindingPalette"/>).</summary>
    public StackedBarChartOptions CodeOptions => new()
    {
        ChartPalette = [.. Codes.Select(FindingPalette.ChartColor)],
        YAxisTicks = ProviderPageModel.TickInterval(Highest(d => Codes.Sum(c => d.Findings.GetValueOrDefault(c)))),
    };

    public StackedBarChartOptions StatusOptions => new()
    {
        ChartPalette = [.. StatusPalette.ChartSeries(Statuses).Select(s => s.ChartColor)],
        YAxisTicks = ProviderPageModel.TickInterval(Highest(d => Statuses.Sum(s => d.Statuses.GetValueOrDefault(s.Value)))),
    };

    private int Highest(Func<DayCounts, int> total) => Days.Select(total).DefaultIfEmpty(0).Max();
}
