using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The grid's client user ids under Vital's, its newest-data column, and the search box's lookup by the customer's own id.</summary>
public sealed class TeamGridFreshnessTests : DashboardContext
{
    private static TeamSnapshot Team() => TestSnapshots.Complete(
        [User(1).Pull("oura", "sleep", "success").Build(), User(2).Pull("oura", "sleep", "success").Build(), User(3).Pull("oura", "sleep", "success").Build()],
        [Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(5)).Build(), Ongoing(2).Resource("oura", "sleep", TimeSpan.FromHours(3)).Build()]);

    private IRenderedComponent<TeamGrid> RenderGrid(TeamSnapshot snapshot)
    {
        Times.SetMode(TimeDisplayMode.Utc);
        var view = TeamViewBuilder.Build(snapshot.Users, TeamQuery.Empty, TeamSort.Default);
        return Render<TeamGrid>(p => p.Add(c => c.View, view).Add(c => c.Mode, TimeDisplayMode.Utc));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<TeamGrid> cut, int user) =>
        cut.FindAll("tbody tr.mud-table-row").Single(r => r.QuerySelector("a.user-link")?.TextContent == Id(user));

    [Fact]
    public void Render_NewestData_TimeAndStaleInWords()
    {
        var cut = RenderGrid(Team());

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("a.user-link").Count));
        Assert.Contains("2026-02-27", Row(cut, 1).QuerySelector("td.col-newest")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("stale", Row(cut, 1).QuerySelector("[data-testid=stale-label]")!.TextContent.Trim());
        Assert.Null(Row(cut, 2).QuerySelector("[data-testid=stale-label]"));
        Assert.Equal("None yet", Row(cut, 3).QuerySelector("td.col-newest")!.TextContent.Trim());
    }

    [Fact]
    public void Render_ScanWithoutOngoingData_DashNotNone()
    {
        var cut = RenderGrid(TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success").Build()));

        cut.WaitForAssertion(() => Assert.Equal("–", Row(cut, 1).QuerySelector("td.col-newest")!.TextContent.Trim()));
    }

    [Fact]
    public void Render_ClientUserIdsOfTheRowsOnScreen_LearntAndShownUnderVitals()
    {
        Diagnoses.ClientUserIds["cust/48 213"] = Id(2);
        ClientIds.Record(new VitalUser { UserId = Id(1), ClientUserId = "known-1" });

        var cut = RenderGrid(Team());

        cut.WaitForAssertion(() => Assert.Equal("cust/48 213", Row(cut, 2).QuerySelector("[data-testid=client-id] .mono")?.TextContent));
        Assert.Equal("known-1", Row(cut, 1).QuerySelector("[data-testid=client-id] .mono")!.TextContent);
        Assert.Null(Row(cut, 3).QuerySelector("[data-testid=client-id]"));
        Assert.Equal("cust/48 213", ClientIds.Of(Id(2)));
    }

    /// <remarks>A component per row costs every open grid memory (ADR 0010): only a row waiting for its id holds one.</remarks>
    [Fact]
    public void Render_KnownClientUserId_MarkupWithoutAComponent_UnknownOneWaitsInAClientIdLine()
    {
        ClientIds.Record(new VitalUser { UserId = Id(1), ClientUserId = "known-1" });

        var cut = RenderGrid(Team());

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("a.user-link").Count));
        Assert.Equal("Your own id for this user (client user id): known-1", Row(cut, 1).QuerySelector("[data-testid=client-id]")!.GetAttribute("title"));
        Assert.Equal([Id(2), Id(3)], cut.FindComponents<ClientIdLine>().Select(c => c.Instance.UserId).Order());
    }
}
