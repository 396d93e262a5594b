using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using MudBlazor;
using static Dashboard.Web.Tests.Components.Pages.Team.TeamFixtures;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The team page's URL is its state: filters read from the query string, and every change written back.</summary>
public sealed class TeamPageFilterTests : DashboardContext
{
    public TeamPageFilterTests() => Snapshots.Current = TestSnapshots.Complete(Members());

    private IRenderedComponent<TeamPage> Open(string uri)
    {
        OpenAt(uri);
        return Render<TeamPage>();
    }

    [Fact]
    public void Open_NoFilters_EveryUserAttentionFirstAndCountsPerStatus()
    {
        var cut = Open("/");

        Assert.Equal([1, 2, 7, 6, 4, 5, 3], Rows(cut));
        var counts = Counts(cut);
        Assert.Equal(
            ["failure", "retrying", "scheduled", "in_progress", "success", "paused", "attention"],
            counts.Keys);
        Assert.Equal([1, 1, 1, 1, 4, 1, 4], counts.Values.Select(c => c.Count));
        Assert.Empty(cut.FindAll("[data-testid=filter-problem]"));
        Assert.Equal(1, Snapshots.EnsureFreshCalls);
    }

    [Theory]
    [InlineData("/?status=failure", new[] { 1 })]
    [InlineData("/?status=failure,retrying", new[] { 1, 2 })]
    [InlineData("/?status=retrying&status=scheduled", new[] { 2, 5 })]
    [InlineData("/?status=paused", new[] { 7 })]
    [InlineData("/?provider=fitbit", new[] { 2, 3 })]
    [InlineData("/?provider=oura,garmin", new[] { 1, 2, 4, 5, 7 })]
    [InlineData("/?resource=activity", new[] { 2, 3 })]
    [InlineData("/?resource=heart_rate", new[] { 6 })]
    [InlineData("/?q=0003", new[] { 3 })]
    [InlineData("/?q=000000000004", new[] { 4 })]
    [InlineData("/?attention=true", new[] { 1, 2, 6, 7 })]
    [InlineData("/?attention=false", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("/?status=success&provider=oura", new[] { 1, 2 })]
    [InlineData("/?status=failure&provider=fitbit", new int[0])]
    [InlineData("/?STATUS=Failure,%20Retrying", new[] { 1, 2 })]
    [InlineData("/?provider=oura&resource=sleep&attention=true", new[] { 1, 2, 7 })]
    public void Open_FilterInTheUrl_ShowsExactlyTheMatchingUsers(string uri, int[] expected)
    {
        var cut = Open(uri);

        Assert.Equal(expected.Order(), Rows(cut).Order());
        Assert.Empty(cut.FindAll("[data-testid=filter-problem]"));
    }

    [Theory]
    [InlineData("/?status=%3Cb%3Ebad%3C%2Fb%3E,failure", "The status filter has 1 value that is not a status name", new[] { 1 })]
    [InlineData("/?provider=Oura!,fit-bit", "The provider filter has 2 values that are not a provider name", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("/?resource=..%2F..", "The resource filter has 1 value", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("/?attention=maybe", "attention must be true or false.", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("/?q=%00abc", "The search (q) must be up to 256 ordinary characters.", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    public void Open_InvalidValue_WarnedAndLeftOutWhileTheRestApplies(string uri, string warning, int[] expected)
    {
        var cut = Open(uri);

        var problem = Assert.Single(cut.FindAll("[data-testid=filter-problem]"));
        Assert.Contains(warning, problem.TextContent, StringComparison.Ordinal);
        Assert.Contains("Those values are left out.", problem.TextContent, StringComparison.Ordinal);
        Assert.Equal(expected.Order(), Rows(cut).Order());
    }

    [Fact]
    public void Open_TooLongSearch_WarnedAndIgnored()
    {
        var cut = Open("/?q=" + new string('a', 257));

        Assert.Single(cut.FindAll("[data-testid=filter-problem]"));
        Assert.Equal(7, Rows(cut).Count);
    }

    [Fact]
    public void Open_FiftyOneStatuses_OnlyFiftyKeptAndSaid()
    {
        var cut = Open("/?status=" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"s{i:00}")));

        Assert.Contains("more than 50 values", Assert.Single(cut.FindAll("[data-testid=filter-problem]")).TextContent, StringComparison.Ordinal);
        Assert.Empty(Rows(cut));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?provider=oura")]
    [InlineData("/?resource=sleep")]
    [InlineData("/?attention=true")]
    [InlineData("/?provider=fitbit&attention=true")]
    [InlineData("/?status=success")]
    [InlineData("/?status=success&attention=true")]
    [InlineData("/?q=0001")]
    public async Task StatusCount_FollowingItsLink_ShowsExactlyThatManyRows(string uri)
    {
        var page = Open(uri);
        var shown = Rows(page).Count;
        var selected = page.FindAll("nav.status-counts .status-count[aria-current=true]").Select(a => a.GetAttribute("data-status")).ToHashSet();
        var counts = Counts(page);

        foreach (var (status, (count, href)) in counts)
        {
            // A selected count is what is shown now; its link clears it.
            if (selected.Contains(status))
            {
                Assert.True(count == shown, $"{status} on {uri} is selected and counts {count} but {shown} rows are shown");
                continue;
            }

            await DisposeComponentsAsync();
            var filtered = Open(href);
            Assert.True(count == Rows(filtered).Count, $"{status} on {uri} counts {count} but its link {href} shows {Rows(filtered).Count}");
        }
    }

    [Fact]
    public void StatusCounts_LinkToTheFilteredList_AndTheSelectedOneClearsIt()
    {
        var counts = Counts(Open("/?status=failure&provider=oura"));

        Assert.Equal("/?provider=oura", counts["failure"].Href);
        Assert.Equal("/?status=retrying&provider=oura", counts["retrying"].Href);
        Assert.Equal("/?status=failure&provider=oura&attention=true", counts["attention"].Href);
    }

    [Fact]
    public void StatusCounts_NoFilter_LinkToOneStatusEach()
    {
        var counts = Counts(Open("/"));

        Assert.Equal("/?status=failure", counts["failure"].Href);
        Assert.Equal("/?status=in_progress", counts["in_progress"].Href);
        Assert.Equal("/?status=paused", counts["paused"].Href);
        Assert.Equal("/?attention=true", counts["attention"].Href);
    }

    [Fact]
    public void AttentionCount_Selected_LinkTurnsItOff()
    {
        var cut = Open("/?attention=true");

        var attention = cut.Find(".status-count.attention");
        Assert.Equal("/", attention.GetAttribute("href"));
        Assert.Equal("true", attention.GetAttribute("aria-current"));
    }

    [Fact]
    public void StatusCounts_TimeModeInTheUrl_LinksKeepIt()
    {
        var counts = Counts(Open("/?tz=local"));

        Assert.Equal("/?status=failure&tz=local", counts["failure"].Href);
    }

    [Fact]
    public void Sort_InTheAddress_TheGridOpensSorted_AFilterChangeKeepsIt()
    {
        Assert.Equal([1, 2, 3, 6], Rows(Open("/?status=success&sort=user")));
        var cut = Open("/?status=success&sort=-user");

        cut.WaitForAssertion(() => Assert.Equal([6, 3, 2, 1], Rows(cut)), TimeSpan.FromSeconds(2));

        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[0].Instance.SelectOption("fitbit"));

        Assert.Equal("http://localhost/?status=success&provider=fitbit&sort=-user", Navigation.Uri);
    }

    [Fact]
    public void Sort_ByAColumnHeader_WrittenToTheAddressInPlace()
    {
        var cut = Open("/?tz=local");

        cut.FindAll("thead .sortable-column-header").Single(h => h.TextContent.Trim() == "Latest activity").Click();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/?tz=local&sort=latest", Navigation.Uri), TimeSpan.FromSeconds(2));
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Theory]
    [InlineData("/?sort=bogus")]
    [InlineData("/?sort=--user")]
    [InlineData("/?sort=%3Cb%3E")]
    public void Sort_NotAColumn_DefaultOrderAndNoError(string uri)
    {
        var cut = Open(uri);

        Assert.Equal([1, 2, 7, 6, 4, 5, 3], Rows(cut));
    }

    [Fact]
    public void ProviderSelect_Choose_NavigatesToTheFilterAndShowsItsUsers()
    {
        var cut = Open("/?status=success");

        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[0].Instance.SelectOption("fitbit"));

        Assert.Equal("http://localhost/?status=success&provider=fitbit", Navigation.Uri);
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry);
        cut.WaitForAssertion(() => Assert.Equal([3], Rows(cut)), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ProviderSelect_Options_ProvidersOfTheTeamByName()
    {
        var cut = Open("/");

        var select = cut.FindComponents<MudSelect<string>>()[0];
        Assert.Empty(select.Options());  // closed: no option components held

        cut.InvokeAsync(select.Instance.OpenMenu);

        cut.WaitForAssertion(() => Assert.Equal(
            ["fitbit", "garmin", "oura", "whoop"],
            select.Options()));
    }

    [Fact]
    public void ProviderSelect_Closed_ShowsTheChosenProvidersByName_AndOffersThemOnceOpen()
    {
        var cut = Open("/?provider=oura&provider=fitbit");

        var select = cut.FindComponents<MudSelect<string>>()[0];
        Assert.Empty(select.Options());
        Assert.Equal("Fitbit, Oura", cut.Find("input[aria-label='Filter by provider']").GetAttribute("value"));

        cut.InvokeAsync(select.Instance.OpenMenu);
        cut.WaitForAssertion(() => Assert.Contains("oura", select.Options()));
        cut.InvokeAsync(() => select.Instance.CloseMenu());

        cut.WaitForAssertion(() => Assert.Empty(select.Options()));
        Assert.Equal("Fitbit, Oura", cut.Find("input[aria-label='Filter by provider']").GetAttribute("value"));
    }

    [Fact]
    public void ResourceSelect_Choose_NavigatesToTheFilter()
    {
        var cut = Open("/?tz=relative");

        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[1].Instance.SelectOption("heart_rate"));

        Assert.Equal("http://localhost/?resource=heart_rate&tz=relative", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal([6], Rows(cut)), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SearchBox_Typing_WaitsForTheDebounceThenReplacesTheHistoryEntry()
    {
        var cut = Open("/?status=success");

        cut.Find("input[aria-label='Vital user id or your own id (client user id)']").Input("0003");
        Assert.Equal("http://localhost/?status=success", Navigation.Uri);
        Time.Advance(TimeSpan.FromMilliseconds(400));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/?status=success&q=0003", Navigation.Uri), TimeSpan.FromSeconds(2));
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        cut.WaitForAssertion(() => Assert.Equal([3], Rows(cut)), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SearchBox_UpperCaseWithSpaces_TrimmedButKeptAsTypedInTheUrl()
    {
        var cut = Open("/");

        // A client user id is the customer's own string: its case is kept (Vital ids match in any case anyway).
        cut.Find("input[aria-label='Vital user id or your own id (client user id)']").Input("  ABC 12 ");
        Time.Advance(TimeSpan.FromMilliseconds(400));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/?q=ABC%2012", Navigation.Uri), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SearchBox_ShowsTheSearchFromTheUrl()
    {
        var cut = Open("/?q=0003");

        Assert.Equal("0003", cut.Find("input[aria-label='Vital user id or your own id (client user id)']").GetAttribute("value"));
    }

    [Fact]
    public void ClearFilters_Click_BackToTheWholeTeamKeepingTz()
    {
        var cut = Open("/?status=failure&provider=oura&attention=true&tz=local");

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Clear filters").Click();

        Assert.Equal("http://localhost/?tz=local", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(7, Rows(cut).Count), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ClearFilters_NoFilter_NotOffered()
    {
        var cut = Open("/?tz=local");

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Clear filters");
    }

    [Theory]
    [InlineData("/", "/api/users.csv")]
    [InlineData("/?tz=local", "/api/users.csv")]
    [InlineData("/?status=failure,retrying&provider=oura&tz=local", "/api/users.csv?status=failure,retrying&provider=oura")]
    [InlineData("/?resource=sleep&q=0001&attention=true", "/api/users.csv?resource=sleep&q=0001&attention=true")]
    [InlineData("/?status=nope!,failure", "/api/users.csv?status=failure")]
    public void CsvLink_CarriesTheCurrentFilters(string uri, string csv)
    {
        var cut = Open(uri);

        Assert.Equal(csv, cut.Find("[data-testid=download-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Open_TzInTheUrl_SetsTheCircuitsTimeMode()
    {
        Open("/?tz=relative");

        Assert.Equal(Dashboard.Web.Ui.TimeDisplayMode.Relative, Times.Mode);
    }

    [Fact]
    public void Open_RecordsOneAuditEventPerFilterCombination()
    {
        var cut = Open("/?status=failure");
        cut.Render();

        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[0].Instance.SelectOption("oura"));

        cut.WaitForAssertion(() => Assert.Equal(2, Audit.Entries.Count), TimeSpan.FromSeconds(2));
        Assert.All(Audit.Entries, e => Assert.Equal(AuditAction.TeamGrid, e.Action));
        Assert.Equal(["status=failure", "status=failure&provider=oura"], Audit.Entries.Select(e => e.Detail));
        Assert.All(Audit.Entries, e => Assert.Null(e.UserId));
    }
}
