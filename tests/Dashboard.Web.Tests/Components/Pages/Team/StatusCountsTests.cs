using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

public sealed class StatusCountsTests : BunitContext
{
    public StatusCountsTests() => this.UseMudBlazor();

    private IRenderedComponent<StatusCounts> RenderCounts(TeamQuery query, TimeDisplayMode mode, params UserHistoricalPulls[] users)
    {
        var snapshot = TestSnapshots.Complete(users);
        var view = TeamViewBuilder.Build(snapshot.Users, query, TeamSort.Default);
        return Render<StatusCounts>(p => p.Add(c => c.View, view).Add(c => c.Query, query).Add(c => c.Mode, mode));
    }

    private static IReadOnlyList<string?> Statuses(IRenderedComponent<StatusCounts> cut) =>
        [.. cut.FindAll(".status-count").Select(a => a.GetAttribute("data-status"))];

    [Fact]
    public void Render_NoUsers_TheFiveStatusesAndAttentionAtZero()
    {
        var cut = RenderCounts(TeamQuery.Empty, TimeDisplayMode.Utc);

        Assert.Equal(["failure", "retrying", "scheduled", "in_progress", "success", "attention"], Statuses(cut));
        Assert.All(cut.FindAll(".status-count"), a => Assert.Equal("0", a.GetAttribute("data-count")));
        Assert.Equal(
            ["Failed", "Retrying", "Scheduled", "In progress", "Succeeded", "Needs attention"],
            cut.FindAll(".status-count .label").Select(l => l.TextContent));
    }

    [Fact]
    public void Render_LegacyErrorAndUnknownStatuses_LegacyAfterFailureUnknownLastInOrder()
    {
        var cut = RenderCounts(
            TeamQuery.Empty,
            TimeDisplayMode.Utc,
            User(1).Pull("oura", "sleep", "error"),
            User(2).Pull("oura", "sleep", "zombie"),
            User(3).Pull("oura", "sleep", "paused"));

        Assert.Equal(["failure", "error", "retrying", "scheduled", "in_progress", "success", "paused", "zombie", "attention"], Statuses(cut));
        Assert.Equal("Unknown: paused", cut.Find(".status-count[data-status=paused] .label").TextContent);
        Assert.Contains("status-unknown", cut.Find(".status-count[data-status=paused]").ClassList);
        Assert.Equal("/?status=error", cut.Find(".status-count[data-status=error]").GetAttribute("href"));
    }

    [Fact]
    public void Render_Counts_ThousandsSeparatedWhateverTheCulture()
    {
        var users = Enumerable.Range(1, 1234).Select(i => (UserHistoricalPulls)User(i).Pull("oura", "sleep", "success")).ToArray();
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var cut = RenderCounts(TeamQuery.Empty, TimeDisplayMode.Utc, users);

            Assert.Equal("1,234", cut.Find(".status-count[data-status=success] .count").TextContent);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_MarkupLookingStatus_TextAndNoLinkThatCouldNotFilter()
    {
        var cut = RenderCounts(TeamQuery.Empty, TimeDisplayMode.Utc, User(1).Pull("oura", "sleep", "<b>x</b>"), User(2).Pull("oura", "sleep", "a&b=c"));

        var odd = cut.Find(".status-count[data-status='<b>x</b>']");
        Assert.Equal("Unknown: <b>x</b>", odd.QuerySelector(".label")!.TextContent);
        Assert.Empty(cut.FindAll(".status-counts b"));
        Assert.False(odd.HasAttribute("href"));
        Assert.Equal("1", odd.GetAttribute("data-count"));
        Assert.False(cut.Find(".status-count[data-status='a&b=c']").HasAttribute("href"));
    }

    [Fact]
    public void Render_TwoStatusesSelected_BothMarked_EachLinkTakesItsOwnOut_OthersNarrowToThemselves()
    {
        var cut = RenderCounts(TeamQuery.Empty with { Statuses = [new("failure"), new("retrying")] }, TimeDisplayMode.Local, User(1).Pull("oura", "sleep", "failure"));

        Assert.Equal(["failure", "retrying"], cut.FindAll(".status-count.selected").Select(a => a.GetAttribute("data-status")));
        Assert.Equal(["true", "true"], cut.FindAll(".status-count.selected").Select(a => a.GetAttribute("aria-current")));
        Assert.Equal("/?status=retrying&tz=local", cut.Find(".status-count[data-status=failure]").GetAttribute("href"));
        Assert.Equal("Stop filtering on this status", cut.Find(".status-count[data-status=failure]").GetAttribute("title"));
        Assert.Equal("/?status=scheduled&tz=local", cut.Find(".status-count[data-status=scheduled]").GetAttribute("href"));
    }

    [Fact]
    public void Render_GridSorted_EveryCountsLinkKeepsTheSort()
    {
        var query = TeamQuery.Empty with { Statuses = [new("failure")] };
        var view = TeamViewBuilder.Build(TestSnapshots.Complete(User(1).Pull("oura", "sleep", "failure")).Users, query, TeamSort.Default);

        var cut = Render<StatusCounts>(p => p.Add(c => c.View, view).Add(c => c.Query, query).Add(c => c.Sort, TeamSort.Parse("-latest")));

        Assert.Equal("/?sort=-latest", cut.Find(".status-count[data-status=failure]").GetAttribute("href"));
        Assert.Equal("/?status=retrying&sort=-latest", cut.Find(".status-count[data-status=retrying]").GetAttribute("href"));
        Assert.Equal("/?status=failure&attention=true&sort=-latest", cut.Find(".status-count[data-status=attention]").GetAttribute("href"));
    }
}
