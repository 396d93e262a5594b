using Bunit;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Pages.Providers;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Providers;

/// <summary>The provider page's trends over a faked history store.</summary>
public sealed class ProviderTrendsTests : DashboardContext
{
    public ProviderTrendsTests() => Snapshots.Current = TestSnapshots.Complete(ProviderFixtures.Team());

    private IRenderedComponent<ProviderPage> Open(string provider = "oura")
    {
        OpenAt($"/providers/{provider}");
        return Render<ProviderPage>(p => p.Add(c => c.Provider, provider));
    }

    private static Dictionary<string, int> Counts(params (string Key, int Count)[] counts) => counts.ToDictionary(c => c.Key, c => c.Count);

    private static readonly DateOnly Day1 = new(2026, 3, 2);

    [Fact]
    public void Open_DaysRecorded_ProblemCodesAndStatusesChartedAndDurationsTabled()
    {
        History.Trends["oura"] = new ProviderTrends(
            [
                new DayCounts(Day1, Counts(("success", 5), ("failure", 2)), Counts(("pull_failed", 2), ("pull_in_progress", 1))),
                new DayCounts(Day1.AddDays(1), Counts(("success", 6), ("retrying", 1)), Counts(("pull_retrying", 1), ("no_such_code", 4))),
            ],
            [new ResourceDurations("sleep", 12, TimeSpan.FromMinutes(90), TimeSpan.FromHours(26))],
            Now.AddDays(-40));

        var cut = Open();

        Assert.Equal(Now - TimeSpan.FromDays(30), History.LastTrendsSince);
        Assert.Contains("2 days from 03-02 to 03-03", cut.Find("[data-testid=trends-caption]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=trend-codes] svg"));
        Assert.NotNull(cut.Find("[data-testid=trend-statuses] svg"));
        var row = cut.Find("[data-testid=durations] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["sleep", "12", "1 h 30 min", "1 day 2 h"], row);
    }

    [Fact]
    public async Task Model_Days_WarningAndCriticalCodesMostSevereFirstAndStatusesInLegendOrder()
    {
        History.Trends["oura"] = new ProviderTrends(
            [
                new DayCounts(Day1, Counts(("success", 5), ("failure", 2), ("paused", 1)), Counts(("pull_failed", 2), ("pull_in_progress", 1))),
                new DayCounts(Day1.AddDays(1), Counts(("retrying", 1)), Counts(("pull_retrying", 1), ("no_such_code", 4))),
            ],
            [],
            Now.AddDays(-40));
        var model = Services.GetRequiredService<ProviderTrendsModel>();

        await model.LoadAsync("oura", TestContext.Current.CancellationToken);

        Assert.Equal(["pull_failed", "pull_retrying"], model.Codes);
        Assert.Equal([FindingPalette.ChartColor("pull_failed"), FindingPalette.ChartColor("pull_retrying")], model.CodeOptions.ChartPalette);
        Assert.Equal(["failure", "retrying", "paused"], model.Statuses.Select(s => s.Value));
        Assert.Equal([2.0, 0.0], model.CodeSeries[0].Data.Values);
        Assert.Equal([0.0, 1.0], model.StatusSeries[1].Data.Values);
        Assert.Equal(["03-02", "03-03"], model.Labels);
    }

    [Fact]
    public async Task Model_FailuresAndLegacyErrors_OneFailedSeriesOfBoth()
    {
        History.Trends["oura"] = new ProviderTrends(
            [
                new DayCounts(Day1, Counts(("failure", 2), ("error", 1), ("retrying", 1)), Counts()),
                new DayCounts(Day1.AddDays(1), Counts(("error", 3)), Counts()),
            ],
            [],
            Now.AddDays(-40));
        var model = Services.GetRequiredService<ProviderTrendsModel>();

        await model.LoadAsync("oura", TestContext.Current.CancellationToken);

        Assert.Equal(["Failed", "Retrying"], model.StatusSeries.Select(s => s.Name));
        Assert.Equal([3.0, 3.0], model.StatusSeries[0].Data.Values);
        Assert.Equal([StatusPalette.Failure.ChartColor, StatusPalette.Retrying.ChartColor], model.StatusOptions.ChartPalette);
    }

    [Fact]
    public void Open_NoScanInTheLast30Days_SaysTrendsStartWithTheFirst()
    {
        var cut = Open();

        Assert.Contains("No team scan recorded in the last 30 days", cut.Find("[data-testid=no-trends]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OnlySucceededPulls_NoChartsAndSaysSo()
    {
        History.Trends["oura"] = new ProviderTrends([new DayCounts(Day1, Counts(("success", 5)), Counts())], [], Now.AddDays(-40));

        var cut = Open();

        Assert.NotNull(cut.Find("[data-testid=no-problems]"));
        Assert.Empty(cut.FindAll(".chart[data-testid^=trend]"));
        Assert.NotNull(cut.Find("[data-testid=no-durations]"));
    }

    [Fact]
    public void Open_StoreFails_WarningInWordsAndTheRestOfThePageStays()
    {
        History.Failure = new SqliteException("SQLite Error 14: unable to open /secret/path", 14);

        var cut = Open();

        Assert.Contains("cannot be opened", cut.Find("[data-testid=trends-unavailable]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("/secret/path", cut.Markup, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=resource-counts]"));
    }
}
