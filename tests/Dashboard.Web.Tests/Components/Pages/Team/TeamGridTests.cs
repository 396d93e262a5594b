using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using static Dashboard.Web.Tests.Components.Pages.Team.TeamFixtures;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

public sealed class TeamGridTests : DashboardContext
{
    private IRenderedComponent<TeamGrid> RenderGrid(TeamSnapshot snapshot, TeamQuery? query = null, TimeDisplayMode mode = TimeDisplayMode.Utc)
    {
        Times.SetMode(mode);
        var view = TeamViewBuilder.Build(snapshot.Users, query ?? TeamQuery.Empty, TeamSort.Default);
        return Render<TeamGrid>(p => p.Add(c => c.View, view).Add(c => c.Mode, mode));
    }

    private static IElement Row(IRenderedComponent<TeamGrid> cut, int user) =>
        cut.FindAll("tbody tr.mud-table-row").Single(r => r.QuerySelector("a.user-link")?.TextContent == Id(user));

    private static IReadOnlyList<string> Ids(IRenderedComponent<TeamGrid> cut) => [.. cut.FindAll("a.user-link").Select(a => a.TextContent)];

    [Fact]
    public void Render_Columns_UserProvidersWorstStatusFindingsNewestDataLatestActivity()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        Assert.Equal(
            ["User", "Providers", "Worst status", "Findings", "Newest data", "Latest activity"],
            cut.FindAll("thead .sortable-column-header").Select(h => h.TextContent.Trim()));
        Assert.Equal("7 users", Markup.Text(cut.Find("[data-testid=row-count]").TextContent));
    }

    [Fact]
    public void Render_Row_UserLinkProviderChipsWorstStatusHeadlineAndLatestActivity()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        var row = Row(cut, 2);
        var link = row.QuerySelector("a.user-link")!;
        Assert.Equal($"/users/{Id(2)}", link.GetAttribute("href"));
        Assert.Equal("Copy user id", row.QuerySelector("button.copy-button")!.GetAttribute("aria-label"));

        var chips = row.QuerySelectorAll("a.provider-chip");
        Assert.Equal(["Fitbit", "Oura"], chips.Select(c => c.TextContent.Trim()));
        Assert.Equal([$"/users/{Id(2)}?focus=fitbit", $"/users/{Id(2)}?focus=oura"], chips.Select(c => c.GetAttribute("href")));
        Assert.Equal(["Fitbit: Retrying", "Oura: Succeeded"], chips.Select(c => c.GetAttribute("title")));
        Assert.Equal("color: var(--mud-palette-warning)", chips[0].QuerySelector("svg")!.GetAttribute("style"));

        var badge = row.QuerySelector("span.status-badge")!;
        Assert.Equal("Retrying", badge.TextContent.Trim());
        Assert.Equal("warning", row.QuerySelector("span.severity-badge")!.GetAttribute("data-severity"));
        Assert.Equal("1 pull retrying", row.QuerySelector("span.headline")!.TextContent);
        var time = row.QuerySelector("time")!;
        Assert.Equal("2026-03-04 11:55 UTC", time.TextContent);
        Assert.Equal("2026-03-04 11:55:00 UTC", time.GetAttribute("title"));
        Assert.Contains("needs-attention", row.ClassList);
    }

    [Fact]
    public void Render_UserWithoutProblems_NotMarkedForAttention()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        var row = Row(cut, 3);
        Assert.DoesNotContain("needs-attention", row.ClassList);
        Assert.Equal("ok", row.QuerySelector("span.severity-badge")!.GetAttribute("data-severity"));
        Assert.Equal("1 pull succeeded", row.QuerySelector("span.headline")!.TextContent);
    }

    [Fact]
    public void Render_TimeModeLocal_UserAndProviderLinksKeepTz()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()), mode: TimeDisplayMode.Local);

        var row = Row(cut, 1);
        Assert.Equal($"/users/{Id(1)}?tz=local", row.QuerySelector("a.user-link")!.GetAttribute("href"));
        Assert.Equal($"/users/{Id(1)}?focus=oura&tz=local", row.QuerySelector("a.provider-chip")!.GetAttribute("href"));
    }

    [Fact]
    public void CopyButton_Click_CopiesThatRowsUserId()
    {
        BrowserCopies();
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        Row(cut, 2).QuerySelector("button.copy-button")!.ClickInTeamRow();

        Assert.Equal([Id(2)], Clipboard);
        // The copy is the button's: the row's own click (open the user) does not follow it.
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public void CopyButton_PressedWithAKey_CopiesToo()
    {
        BrowserCopies();
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        Row(cut, 3).QuerySelector("button.copy-button")!.ClickInTeamRow(detail: 0);

        Assert.Equal([Id(3)], Clipboard);
    }

    /// <remarks>The user's link and a provider chip navigate themselves; the row following them lost the chip's provider.</remarks>
    [Fact]
    public void LinkInARow_Click_TheRowDoesNotNavigateToo()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        Row(cut, 2).QuerySelector("a.provider-chip")!.ClickInTeamRow();
        Row(cut, 2).QuerySelector("a.user-link")!.ClickInTeamRow();

        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public void RowClick_AUserIdThatIsNotOne_DoesNothing()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        cut.Find(".team-grid-wrap").TriggerEvent("onteamrowclick", new TeamRowEventArgs { UserId = "../../api/users.csv", Detail = 1 });
        cut.Find(".team-grid-wrap").TriggerEvent("onteamrowclick", new TeamRowEventArgs { UserId = null, Detail = 1 });

        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    /// <remarks>A row holds no handler of its own and no element of the user cell is a Blazor element: the grid has one handler.</remarks>
    [Fact]
    public void Render_Rows_TheUserCellIsMarkupWithTheRowsUser()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        var cell = Row(cut, 2).QuerySelector("[data-user-id]")!;
        Assert.Equal(Id(2), cell.GetAttribute("data-user-id"));
        Assert.Equal(TeamRowActions.CopyUserId, cell.QuerySelector("button.copy-button")!.GetAttribute("data-action"));
        Assert.False(cell.QuerySelector("button.copy-button")!.HasAttribute("blazor:onclick"));
    }

    [Fact]
    public void Times_BrowserZoneLearntInLocalMode_TheRowsRedrawInThatZone()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()), mode: TimeDisplayMode.Local);
        Assert.Equal("2026-03-04 11:55 UTC", Row(cut, 2).QuerySelector("time")!.TextContent);

        cut.InvokeAsync(() => Times.SetLocalZone("Asia/Tokyo"));

        cut.WaitForAssertion(() => Assert.StartsWith("2026-03-04 20:55", Row(cut, 2).QuerySelector("time")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_FiveProviders_TwoChipsAndTheRestCounted()
    {
        var user = User(1).Pull("apple_health_kit", "steps", "success").Pull("fitbit", "sleep", "success").Pull("garmin", "sleep", "success")
            .Pull("oura", "sleep", "success").Pull("whoop", "sleep", "success");

        var row = Row(RenderGrid(TestSnapshots.Complete(user)), 1);

        Assert.Equal(["Apple HealthKit", "Fitbit"], row.QuerySelectorAll("a.provider-chip").Select(c => c.TextContent.Trim()));
        var more = row.QuerySelector(".more-chips")!;
        Assert.Equal("+3", more.FirstChild!.TextContent);
        Assert.Equal("Garmin: Succeeded, Oura: Succeeded, WHOOP: Succeeded", more.GetAttribute("title"));
        Assert.Equal(" more: Garmin: Succeeded, Oura: Succeeded, WHOOP: Succeeded", more.QuerySelector(".visually-hidden")!.TextContent);
    }

    [Fact]
    public void Render_FiveProviders_TheWorstComeFirstSoAFailureIsNeverBehindTheCount()
    {
        var user = User(1).Pull("apple_health_kit", "steps", "success").Pull("fitbit", "sleep", "success").Pull("garmin", "sleep", "retrying")
            .Pull("oura", "sleep", "success").Pull("whoop", "sleep", "failure");

        var row = Row(RenderGrid(TestSnapshots.Complete(user)), 1);

        Assert.Equal(["WHOOP", "Garmin"], row.QuerySelectorAll("a.provider-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal("WHOOP: Failed", row.QuerySelector("a.provider-chip")!.GetAttribute("title"));
        Assert.Equal("Apple HealthKit: Succeeded, Fitbit: Succeeded, Oura: Succeeded", row.QuerySelector(".more-chips")!.GetAttribute("title"));
    }

    [Fact]
    public void Render_UserWithOnlyNotPulledResources_NoPullsAndNoActivity()
    {
        var row = Row(RenderGrid(TestSnapshots.Complete(User(1).NotPulled("oura", "sleep"))), 1);

        Assert.Contains("No pulls", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("–", row.QuerySelector("time")!.TextContent);
        Assert.Equal("Oura: Nothing pulled", row.QuerySelector("a.provider-chip")!.GetAttribute("title"));
    }

    [Fact]
    public void Render_FilteredView_SaysHowManyOfTheTeam()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()), TeamQuery.Empty with { Statuses = [new("failure")] });

        Assert.Equal("1 user of 7", Markup.Text(cut.Find("[data-testid=row-count]").TextContent));
        Assert.Equal([Id(1)], Ids(cut));
    }

    [Fact]
    public void SortByUser_Click_IdsAscendingThenDescending()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "User").Click();
        cut.WaitForAssertion(() => Assert.Equal([.. Enumerable.Range(1, 7).Select(Id)], Ids(cut)), TimeSpan.FromSeconds(2));

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "User").Click();
        cut.WaitForAssertion(() => Assert.Equal([.. Enumerable.Range(1, 7).Reverse().Select(Id)], Ids(cut)), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SortByUser_Click_TellsThePageTheSortForTheAddress()
    {
        var sorts = new List<string?>();
        var view = TeamViewBuilder.Build(TestSnapshots.Complete(Members()).Users, TeamQuery.Empty, TeamSort.Default);
        var cut = Render<TeamGrid>(p => p.Add(c => c.View, view).Add(c => c.OnSortChanged, s => sorts.Add(s.ToQueryValue())));

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "User").Click();
        cut.WaitForAssertion(() => Assert.Equal(["user"], sorts), TimeSpan.FromSeconds(2));

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "User").Click();
        cut.WaitForAssertion(() => Assert.Equal(["user", "-user"], sorts), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SortByUser_ThirdClick_BackToTheTeamsOwnOrder()
    {
        var sorts = new List<string?>();
        var view = TeamViewBuilder.Build(TestSnapshots.Complete(Members()).Users, TeamQuery.Empty, TeamSort.Default);
        var cut = Render<TeamGrid>(p => p.Add(c => c.View, view).Add(c => c.OnSortChanged, s => sorts.Add(s.ToQueryValue())));
        var byDefault = Ids(cut);

        for (var i = 0; i < 3; i++)
        {
            Header(cut, "User").QuerySelector("button")!.Click();
        }

        cut.WaitForAssertion(() => Assert.Equal(["user", "-user", null], sorts), TimeSpan.FromSeconds(2));
        cut.WaitForAssertion(() => Assert.Equal(byDefault, Ids(cut)), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Sort_TheHeaderSaysTheOrder_AriaSortOnItsColumnAlone()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));
        Assert.Empty(cut.FindAll("th[aria-sort]"));
        Assert.Equal(6, cut.FindAll("thead th button.sortable-column-header[type=button]").Count);

        Header(cut, "Newest data").QuerySelector("button")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("ascending", Header(cut, "Newest data").GetAttribute("aria-sort")), TimeSpan.FromSeconds(2));
        Header(cut, "Newest data").QuerySelector("button")!.Click();

        cut.WaitForAssertion(() => Assert.Equal("descending", Header(cut, "Newest data").GetAttribute("aria-sort")), TimeSpan.FromSeconds(2));
        Assert.Single(cut.FindAll("th[aria-sort]"));
        Assert.Null(Header(cut, "Connection").QuerySelector("button"));
    }

    [Theory]
    [InlineData(true, "Reading users from Vital…")]
    [InlineData(false, "No users to show.")]
    public void Render_NoUsers_SaysWhetherTheyAreStillComing(bool loading, string says)
    {
        var view = TeamViewBuilder.Build([], TeamQuery.Empty, TeamSort.Default);

        var cut = Render<TeamGrid>(p => p.Add(c => c.View, view).Add(c => c.Loading, loading));

        cut.WaitForAssertion(() => Assert.Equal(says, cut.Find("[data-testid=grid-empty]").TextContent), TimeSpan.FromSeconds(2));
        Assert.Equal(loading, cut.Find("table").HasAttribute("aria-busy"));
        Assert.Equal(loading, cut.FindAll(".mud-progress-linear").Count == 1);
    }

    private static IElement Header(IRenderedComponent<TeamGrid> cut, string title) =>
        cut.FindAll("thead th").Single(h => h.TextContent.Trim() == title);

    [Theory]
    [InlineData("user", 1)]
    [InlineData("-user", 7)]
    [InlineData("status", 3)]
    public void Sort_FromTheAddress_TheGridOpensSortedThatWay(string sort, int firstUser)
    {
        var view = TeamViewBuilder.Build(TestSnapshots.Complete(Members()).Users, TeamQuery.Empty, TeamSort.Default);

        var cut = Render<TeamGrid>(p => p.Add(c => c.View, view).Add(c => c.Sort, TeamSort.Parse(sort)));

        cut.WaitForAssertion(() => Assert.Equal(Id(firstUser), Ids(cut)[0]), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SortByWorstStatus_Click_BestFirstThenWorstFirst()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "Worst status").Click();
        cut.WaitForAssertion(() => Assert.Equal(Id(3), Ids(cut)[0]), TimeSpan.FromSeconds(2));

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "Worst status").Click();
        cut.WaitForAssertion(() => Assert.Equal(Id(1), Ids(cut)[0]), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void RowClick_Mouse_OpensTheUserKeepingTz()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()), mode: TimeDisplayMode.Relative);

        Row(cut, 4).QuerySelector("span.headline")!.ClickInTeamRow(detail: 1);

        Assert.Equal($"http://localhost/users/{Id(4)}?tz=relative", Navigation.Uri);
    }

    [Fact]
    public void RowClick_WithoutAMouseClick_DoesNotNavigate()
    {
        var cut = RenderGrid(TestSnapshots.Complete(Members()));

        Row(cut, 4).QuerySelector("span.headline")!.ClickInTeamRow(detail: 0);

        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public void Render_HundredUsers_VirtualizedGridKnowsTheTotal()
    {
        var users = Enumerable.Range(1, 100).Select(i => (Vital.Introspection.UserHistoricalPulls)User(i).Pull("oura", "sleep", "success")).ToArray();

        var cut = RenderGrid(TestSnapshots.Complete(users));

        Assert.Equal("100", cut.Find("[data-testid=team-grid]").GetAttribute("data-rows"));
        Assert.NotEmpty(Ids(cut));
    }
}
