using Bunit;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

public sealed class ProviderResourcesTests : DashboardContext
{
    private readonly List<string> _selected = [];

    private IRenderedComponent<ProviderResources> RenderProvider(Vital.Introspection.UserHistoricalPulls pulls, string? selected = null)
    {
        // The engine in the container: a test may configure its thresholds.
        var diagnosis = Services.GetRequiredService<Dashboard.Diagnosis.DiagnosisEngine>().Diagnose(pulls, Now);
        return Render<ProviderResources>(p => p.Add(c => c.Provider, diagnosis.Providers[0]).Add(c => c.AsOf, diagnosis.AsOf)
            .Add(c => c.SelectedKey, selected).Add(c => c.OnSelect, EventCallback.Factory.Create<string>(this, _selected.Add)));
    }

    private static List<string> Cells(IRenderedComponent<ProviderResources> cut, string key) =>
        [.. cut.Find($"tr[data-key='{key}']").Children.Select(c => Markup.Text(c.TextContent))];

    [Fact]
    public void Render_LocalMode_DaysOfTheRangeInTheBrowsersZone()
    {
        Times.SetLocalZone("America/New_York");
        Times.SetMode(TimeDisplayMode.Local);

        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success"));

        Assert.Equal("2026-02-01 → 2026-03-03", Cells(cut, "oura/sleep")[2]);
    }

    [Fact]
    public void Render_LowCoverage_WarningBar()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success", daysWithData: 3));

        Assert.Equal("3 of 30 (10%)", Cells(cut, "oura/sleep")[3]);
        Assert.Contains("coverage-low", cut.Find("tr[data-key='oura/sleep'] [role=progressbar]").ClassList);
    }

    [Theory]
    [InlineData(0.5, "coverage-ok")]
    [InlineData(0.8, "coverage-low")]
    public void Render_CoverageBar_FollowsTheConfiguredLowCoverageRatio(double ratio, string expected)
    {
        Services.AddSingleton(new Dashboard.Diagnosis.DiagnosisEngine(new Dashboard.Diagnosis.DiagnosisOptions { LowCoverageRatio = ratio }, Time));

        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success", daysWithData: 21));

        Assert.Equal("21 of 30 (70%)", Cells(cut, "oura/sleep")[3]);
        Assert.Contains(expected, cut.Find("tr[data-key='oura/sleep'] [role=progressbar]").ClassList);
    }

    [Fact]
    public void Render_UnknownStatusResourceAndErrorDetails_ShownAsSent()
    {
        var cut = RenderProvider(User(1).Pull("oura", "brain_waves", "paused", errorDetails: "cosmic_rays"));

        var cells = Cells(cut, "oura/brain_waves");
        Assert.Equal("brain_waves", cells[0]);
        Assert.Equal("Unknown: paused", cells[1]);
        Assert.Equal("'cosmic_rays' (a value this dashboard does not know yet)", cells[7]);
    }

    private IRenderedComponent<ProviderResources> RenderSources(Dashboard.Diagnosis.UserSources sources)
    {
        var diagnosis = Services.GetRequiredService<Dashboard.Diagnosis.DiagnosisEngine>().Diagnose(sources, Now);
        return Render<ProviderResources>(p => p.Add(c => c.Provider, diagnosis.Providers[0]).Add(c => c.AsOf, diagnosis.AsOf));
    }

    private static Dashboard.Diagnosis.UserSources WithOngoing(string resource, TimeSpan newestAgo, string attempt) =>
        FakeDiagnosisService.Derived(User(1).Pull("oura", "sleep", "success").Build()) with
        {
            Resources = Dashboard.Diagnosis.SourceRead<Vital.Introspection.UserResources>.Ok(new Vital.Introspection.UserResources
            {
                UserId = Id(1),
                Providers = new Dictionary<Vital.Introspection.ProviderSlug, IReadOnlyDictionary<Vital.Introspection.ResourceName, Vital.Introspection.ResourceFreshness>>
                {
                    [new("oura")] = new Dictionary<Vital.Introspection.ResourceName, Vital.Introspection.ResourceFreshness>
                    {
                        [new(resource)] = new()
                        {
                            NewestData = Now - newestAgo,
                            LastAttempt = new(Now.AddHours(-1), new Vital.Introspection.AttemptStatus(attempt)),
                        },
                    },
                },
            }),
        };

    [Fact]
    public void Render_StaleDataAndAFailedRead_SaidInWordsInTheFreshnessCell()
    {
        var cut = RenderSources(WithOngoing("sleep", TimeSpan.FromDays(5), "failure"));

        var cell = cut.Find("tr[data-key='oura/sleep'] td.freshness");
        Assert.Equal("stale", cell.QuerySelector(".stale-label")!.TextContent);
        Assert.Equal("failed", cell.QuerySelector(".attempt-failed-label")!.TextContent);
        Assert.StartsWith("Newest data: ", cell.QuerySelector("div")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.StartsWith("read ", Markup.Text(cell.QuerySelector(".attempt")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FreshDataAndASuccessfulRead_NoWarningWords()
    {
        var cut = RenderSources(WithOngoing("sleep", TimeSpan.FromHours(3), "success"));

        var cell = cut.Find("tr[data-key='oura/sleep'] td.freshness");
        Assert.Null(cell.QuerySelector(".stale-label"));
        Assert.Null(cell.QuerySelector(".attempt-failed-label"));
    }

    [Fact]
    public void Render_ResourceWithOngoingDataButNoPull_RowSaysNoHistoricalPull()
    {
        var cut = RenderSources(WithOngoing("heartrate", TimeSpan.FromHours(3), "success"));

        var cells = Cells(cut, "oura/heartrate");
        Assert.Equal("heart rate", cells[0]);
        Assert.Equal("No historical pull", cells[1]);
    }

    [Fact]
    public void Render_OngoingDataNotRead_Dash()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success"));

        Assert.Equal("–", Cells(cut, "oura/sleep")[6]);
    }

    [Fact]
    public void Render_GarminSmallData_ProviderNoteUnderTheRow()
    {
        var cut = RenderProvider(User(1).Pull("garmin", "sleep", "success", daysWithData: 0));

        Assert.NotEmpty(cut.FindAll("tr.note-row"));
    }

    [Fact]
    public void Render_Selected_RowMarked()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success").Pull("oura", "workouts", "success"), selected: "oura/workouts");

        Assert.Equal(["false", "true"], cut.FindAll("tbody tr[data-key]").Select(r => r.GetAttribute("aria-selected")));
    }

    [Fact]
    public void Click_Row_SelectsIt()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success"));

        cut.Find("tr[data-key='oura/sleep']").ClickInResourceRow();

        Assert.Equal(["oura/sleep"], _selected);
    }

    [Fact]
    public void Click_PullLink_SelectsItsRow()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success").Pull("oura", "workouts", "success"));

        cut.Find("tr[data-key='oura/workouts'] a.pull-link").ClickInResourceRow();

        Assert.Equal(["oura/workouts"], _selected);
    }

    [Fact]
    public void Click_CopyButton_CopiesThatRowsTraceIdWithoutSelectingIt()
    {
        BrowserCopies();
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success", traceId: "aaaa1111").Pull("oura", "workouts", "failure", traceId: "bbbb2222"));

        cut.Find("tr[data-key='oura/workouts'] button.copy-button").ClickInResourceRow();

        Assert.Empty(_selected);
        Assert.Equal(["bbbb2222"], Clipboard);
        Assert.Equal("Copy trace id", cut.Find("tr[data-key='oura/workouts'] button.copy-button").GetAttribute("aria-label"));
    }

    [Fact]
    public void Click_OutsideAnyRowOrAnUnknownRow_DoesNothing()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success"));

        cut.Find("tbody").TriggerEvent("onresourcerowclick", new ResourceRowEventArgs { Key = null });
        cut.Find("tbody").TriggerEvent("onresourcerowclick", new ResourceRowEventArgs { Key = "oura/not-in-this-table", Action = ResourceRowActions.CopyTrace });

        Assert.Empty(_selected);
        Assert.Empty(Clipboard);
    }

    [Fact]
    public void Render_NegativeDurations_Dash()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "success", scheduled: Now.AddHours(-1), started: Now.AddHours(-2), ended: Now.AddHours(-3)));

        var cells = Cells(cut, "oura/sleep");
        Assert.Equal("–", cells[4]);
        Assert.Equal("–", cells[5]);
    }

    [Fact]
    public void Render_NoRange_NotSetYetAndNoCoverageBar()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "in_progress", noRange: true));

        Assert.Contains("Not set yet", Cells(cut, "oura/sleep")[2], StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[role=progressbar]"));
    }

    [Fact]
    public void Render_LegacyError_ShownAsALegacyFailure()
    {
        var cut = RenderProvider(User(1).Pull("oura", "sleep", "error"));

        Assert.Equal("Failed (legacy 'error')", Cells(cut, "oura/sleep")[1]);
        Assert.Contains("status-error", cut.Find("tr[data-key='oura/sleep'] span.status-badge").ClassList);
    }
}
