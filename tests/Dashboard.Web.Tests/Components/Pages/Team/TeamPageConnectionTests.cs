using Bunit;
using Dashboard.Store.Connections;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static Dashboard.Web.Tests.Components.Pages.Team.TeamFixtures;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The team page and the connection sweep: its progress line, the connection filter, each row's reading.</summary>
public sealed class TeamPageConnectionTests : DashboardContext
{
    public TeamPageConnectionTests() => Snapshots.Current = TestSnapshots.Complete(Members());

    private IRenderedComponent<TeamPage> Open(string uri = "/")
    {
        OpenAt(uri);
        return Render<TeamPage>();
    }

    /// <summary>User 1 in error on Oura, 2 connected, 3 read with nothing connected; the others not read yet.</summary>
    private void KeepReadings()
    {
        var now = Time.GetUtcNow();
        Connections.Keep(new UserConnections(Id(1), now.AddHours(-2), [new("oura", "error", "token_refresh_failed"), new("garmin", "connected")]));
        Connections.Keep(new UserConnections(Id(2), now.AddMinutes(-5), [new("fitbit", "connected")]));
        Connections.Keep(new UserConnections(Id(3), now.AddMinutes(-1), []));
    }

    [Fact]
    public void Open_SweepUnderWay_ProgressLineSaysHowManyReadSinceWhenAndTimeLeft()
    {
        Sweep.Moved(new SweepCursor(Id(3), Time.GetUtcNow().AddHours(-3)));

        var cut = Open();

        Assert.Equal(
            "Connections read for 3 of 7 users; this round started 3 h ago; about 2 s left.",
            cut.Find("[data-testid=sweep-progress]").TextContent.Trim());
    }

    [Fact]
    public void Open_SweepOff_NoProgressLine()
    {
        SweepOptions.RequestsPerSecond = 0;

        var cut = Open();

        Assert.Empty(cut.FindAll("[data-testid=sweep-progress]"));
    }

    [Theory]
    [InlineData("/?connection=error", new[] { 1 })]
    [InlineData("/?connection=connected", new[] { 1, 2 })]
    [InlineData("/?connection=none", new[] { 3 })]
    [InlineData("/?connection=unread", new[] { 4, 5, 6, 7 })]
    [InlineData("/?connection=error,none", new[] { 1, 3 })]
    public void Open_ConnectionFilter_OnlyTheUsersReadThatWay(string uri, int[] expected)
    {
        KeepReadings();

        var cut = Open(uri);

        Assert.Equal(expected, Rows(cut).Order());
    }

    [Fact]
    public void Open_ConnectionFilterAndStatus_CountsAndLinksKeepTheConnectionFilter()
    {
        KeepReadings();

        var cut = Open("/?connection=error");

        var failure = Counts(cut)["failure"];
        Assert.Equal(1, failure.Count);
        Assert.Contains("connection=error", failure.Href, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RowsRead_EachSaysItsWorstConnectionAndHowOldTheReadingIs()
    {
        KeepReadings();

        var cut = Open();

        var cells = cut.FindAll(".connection-cell").Select(c => Markup.Text(c.TextContent.Trim())).ToList();
        var first = cut.FindAll("tr").First(r => r.QuerySelector("a.user-link")?.TextContent == Id(1)).QuerySelector(".connection-cell")!;
        Assert.Equal("Broken: Oura read 2 h ago", Markup.Text(first.TextContent.Trim().Replace('\n', ' ')));
        Assert.Equal("Oura: error (token_refresh_failed); Garmin: connected", first.QuerySelector("[data-connection=error]")!.GetAttribute("title"));
        Assert.Equal(TextFormatterUtc(Time.GetUtcNow().AddHours(-2)), first.QuerySelector(".conn-read")!.GetAttribute("title"));
        var second = cut.FindAll("tr").First(r => r.QuerySelector("a.user-link")?.TextContent == Id(2)).QuerySelector(".connection-cell")!;
        Assert.Equal("Connected read 5 min ago", Markup.Text(second.TextContent.Trim().Replace('\n', ' ')));
        Assert.Equal("Fitbit: connected", second.QuerySelector("[data-connection=connected]")!.GetAttribute("title"));
        Assert.Contains(cells, c => c.StartsWith("nothing connected", StringComparison.Ordinal));
        Assert.Equal(4, cells.Count(c => c == "not read yet"));
    }

    [Fact]
    public void Filters_ConnectionSelect_LabelledAndOffersEveryCategory()
    {
        var changes = new List<TeamQuery>();
        var cut = Render<TeamFilters>(p => p.Add(c => c.Query, TeamQuery.Empty with { Providers = ["oura"] })
            .Add(c => c.Facets, new TeamFacets(["oura"], ["sleep"], []))
            .Add(c => c.OnChange, EventCallback.Factory.Create<TeamQuery>(this, changes.Add)));

        var select = cut.FindComponents<MudSelect<string>>()[2];
        Assert.NotNull(cut.Find("input[aria-label='Filter by connection status']"));
        cut.InvokeAsync(select.Instance.OpenMenu);
        cut.WaitForAssertion(() => Assert.Equal(
            ["error", "paused", "other", "connected", "none", "unread"],
            select.Options()));

        cut.InvokeAsync(() => select.Instance.SelectOption("error"));

        var change = Assert.Single(changes);
        Assert.Equal(["error"], change.Connections);
        Assert.Equal(["oura"], change.Providers);
    }

    private static string TextFormatterUtc(DateTimeOffset time) => Dashboard.Diagnosis.TextFormatter.Utc(time);
}
