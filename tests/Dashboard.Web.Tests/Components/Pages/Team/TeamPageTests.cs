using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using static Dashboard.Web.Tests.Components.Pages.Team.TeamFixtures;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The team page while the shared snapshot is read, refreshed, empty or failing.</summary>
public sealed class TeamPageTests : DashboardContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    private IRenderedComponent<TeamPage> Open(string uri = "/")
    {
        OpenAt(uri);
        return Render<TeamPage>();
    }

    private static string Text(IRenderedComponent<TeamPage> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void Open_FirstScanBeforeAnyUser_ProgressAndLoadingGridButNoEmptyState()
    {
        Snapshots.Current = TestSnapshots.Scanning();

        var cut = Open();

        Assert.Equal("Reading users from Vital: 0 users so far (0 pages)…", Markup.Text(Text(cut, "scan-progress")));
        var grid = cut.Find("[data-testid=team-grid]").TextContent;
        Assert.Contains("Reading users from Vital…", grid, StringComparison.Ordinal);
        Assert.DoesNotContain("No users to show.", grid, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=empty-state]"));
        Assert.Empty(cut.FindAll("[data-testid=as-of]"));
        Assert.True(cut.Find("button[title='Read the team again from Vital']").HasAttribute("disabled"));
    }

    [Fact]
    public void Open_StoredTeamLoadingBeforeAnyUser_TheGridAndTheBarSayItIsTheStoredTeam()
    {
        Snapshots.Current = TeamSnapshot.FromStore(1, TestPulls.Now, storedUsers: 40);

        var cut = Open();

        var grid = cut.Find("[data-testid=team-grid]").TextContent;
        Assert.Contains("Loading the stored team…", grid, StringComparison.Ordinal);
        Assert.DoesNotContain("Reading users from Vital", grid, StringComparison.Ordinal);
        Assert.Equal("Loading the stored team…", cut.Find(".scan-progress [aria-label]").GetAttribute("aria-label"));
        Assert.StartsWith("Loading the team as Vital showed it", Markup.Text(Text(cut, "scan-progress")), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FirstScanPartlyIn_FirstRowsShownWhileReading()
    {
        Snapshots.Current = TestSnapshots.Scanning(TestPulls.User(1).Pull("oura", "sleep", "failure"));

        var cut = Open();

        Assert.Equal([1], Rows(cut));
        Assert.Equal("Reading users from Vital: 1 user so far (1 page)…", Markup.Text(Text(cut, "scan-progress")));
    }

    [Fact]
    public void Changed_SnapshotGrowsThenCompletes_RowsAppearAndProgressMakesWayForAsOf()
    {
        var members = Members();
        var snapshot = TestSnapshots.Scanning(members[0]);
        Snapshots.Current = snapshot;
        var cut = Open();
        Assert.Equal([1], Rows(cut));

        TestSnapshots.Append(snapshot, members[1..4]);
        Snapshots.RaiseChanged();

        cut.WaitForAssertion(() => Assert.Equal([1, 2, 3, 4], Rows(cut).Order()), Wait);
        cut.WaitForAssertion(() => Assert.Contains("4", cut.Find("[data-testid=row-count]").TextContent, StringComparison.Ordinal), Wait);

        TestSnapshots.Append(snapshot, members[4..]);
        snapshot.Complete(TestPulls.Now);
        Snapshots.RaiseChanged();

        cut.WaitForAssertion(() => Assert.Equal(7, Rows(cut).Count), Wait);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=scan-progress]")), Wait);
        Assert.Equal("As of 2026-03-04 12:00 UTC", Markup.Text(Text(cut, "as-of")));
        Assert.Equal(4, Counts(cut)["success"].Count);
        Assert.Equal(4, Counts(cut)["attention"].Count);
    }

    /// <remarks>
    /// The header's title, time, Refresh and Download CSV, the progress lines, the grid's row count and the attention
    /// count's flag are elements with MudBlazor's classes: as MudText, MudButton and MudIcon they were components every
    /// open grid kept.
    /// </remarks>
    [Fact]
    public void Open_CompleteTeam_HeaderAndRowCountAreElementsNotComponents()
    {
        Snapshots.Current = TestSnapshots.Complete(Members());

        var cut = Open();

        Assert.Equal("Team", cut.Find("h1.mud-typography-h5").TextContent);
        var refresh = cut.Find("button[title='Read the team again from Vital']");
        Assert.Equal("Refresh", refresh.TextContent.Trim());
        Assert.False(refresh.HasAttribute("disabled"));
        var csv = cut.Find("a[data-testid=download-csv]");
        Assert.Equal(("/api/users.csv", "Download CSV"), (csv.GetAttribute("href"), csv.TextContent.Trim()));
        Assert.Equal("7 users", Markup.Text(cut.Find("p[data-testid=row-count]").TextContent));
        Assert.Empty(cut.FindComponents<MudBlazor.MudButton>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudText>());
        // The attention count's flag comes from the sprite (MudBlazor's own icons remain inside its grid and selects).
        Assert.Equal("icon-flag", Markup.IconId(cut.Find("a.status-count.attention svg")));
    }

    [Fact]
    public async Task Changed_FromAScannerThread_RendersWithoutError()
    {
        var snapshot = TestSnapshots.Scanning();
        Snapshots.Current = snapshot;
        var cut = Open();

        TestSnapshots.Append(snapshot, Members());
        await Task.Run(Snapshots.RaiseChanged, TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal(7, Rows(cut).Count), Wait);
    }

    [Fact]
    public void Open_EmptyTeam_SaysSoAndWhen()
    {
        Snapshots.Current = TestSnapshots.Complete();

        var cut = Open();

        var empty = Text(cut, "empty-state");
        Assert.Contains("This team has no users with historical pulls yet.", empty, StringComparison.Ordinal);
        Assert.Contains("once they connect a provider", empty, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=team-grid]"));
        Assert.Empty(cut.FindAll("[data-testid=error-banner]"));
    }

    [Fact]
    public void Open_FiltersMatchNobody_SaysSoWithALinkThatClearsThemKeepingTz()
    {
        Snapshots.Current = TestSnapshots.Complete(Members());

        var cut = Open("/?q=ffff&status=failure&tz=local");

        var empty = cut.Find("[data-testid=empty-state]");
        Assert.Contains("No user matches these filters.", empty.TextContent, StringComparison.Ordinal);
        var clear = empty.QuerySelector("a")!;
        Assert.Equal("Clear the filters", clear.TextContent.Trim());
        Assert.Equal("/?tz=local", clear.GetAttribute("href"));
    }

    [Fact]
    public void Open_UpstreamFailedBeforeAnyUser_ErrorBannerInWordsAndRetryAsksForANewScan()
    {
        Snapshots.Current = TestSnapshots.Failed("Vital rejected the dashboard's API key; ask an administrator to check Vital:ApiKey.");

        var cut = Open();

        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Equal("The team could not be read from Vital", banner.QuerySelector("b")!.TextContent);
        Assert.Contains("ask an administrator to check Vital:ApiKey.", banner.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=empty-state]"));
        // The endpoint refuses a partial export; the button says so instead of saving an error as a .csv.
        var csv = cut.Find("[data-testid=download-csv]");
        Assert.True(csv.HasAttribute("disabled") && !csv.HasAttribute("href"), csv.OuterHtml);
        Assert.StartsWith("No CSV while the team could not be read completely", csv.GetAttribute("title"), StringComparison.Ordinal);

        banner.QuerySelector("button")!.Click();

        Assert.Equal(1, Snapshots.RefreshCalls);
    }

    [Fact]
    public void Retry_NewScanStarts_BannerMakesWayForProgress()
    {
        Snapshots.Current = TestSnapshots.Failed("Vital is unavailable.");
        var cut = Open();

        Snapshots.Current = TestSnapshots.Scanning();
        Snapshots.RaiseChanged();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=error-banner]")), Wait);
        Assert.NotEmpty(cut.FindAll("[data-testid=scan-progress]"));
    }

    [Theory]
    [InlineData(3, "Only 3 users could be read before Vital stopped answering")]
    [InlineData(1, "Only 1 user could be read before Vital stopped answering")]
    [InlineData(1200, "Only 1,200 users could be read before Vital stopped answering")]
    public void Open_UpstreamFailedAfterSomeUsers_BannerSaysHowManyAndTheirRowsStay(int users, string title)
    {
        Snapshots.Current = TestSnapshots.Failed(
            "Vital did not answer in time.",
            [.. Enumerable.Range(1, users).Select(i => (Vital.Introspection.UserHistoricalPulls)TestPulls.User(i).Pull("oura", "sleep", "success"))]);

        var cut = Open();

        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Equal(title, banner.QuerySelector("b")!.TextContent);
        Assert.Contains("Vital did not answer in time.", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal(users.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=team-grid]").GetAttribute("data-rows"));
    }

    [Fact]
    public void Open_LastRefreshFailed_EarlierListWithAWarningAndNoErrorBanner()
    {
        Snapshots.Current = TestSnapshots.Complete(Members());
        Snapshots.LastRefreshError = "Vital is limiting how fast the dashboard may ask.";

        var cut = Open();

        var warning = cut.FindAll(".mud-alert").Single(a => a.TextContent.Contains("last refresh failed", StringComparison.Ordinal));
        Assert.Contains("The last refresh failed, so this is the earlier list. Vital is limiting how fast the dashboard may ask.", Markup.Text(warning.TextContent), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=error-banner]"));
        Assert.Equal(7, Rows(cut).Count);
    }

    [Fact]
    public void Open_FollowerWithNoTeamYetAndTheLeadersScanFailed_SaysNoListRatherThanAnEarlierOne()
    {
        Snapshots.Current = TeamSnapshot.NotStarted;
        Snapshots.LastRefreshError = "Vital rejected the API key.";

        var cut = Open();

        var warning = cut.FindAll(".mud-alert").Single(a => a.TextContent.Contains("Vital rejected the API key.", StringComparison.Ordinal));
        Assert.Contains("The team could not be read yet. Vital rejected the API key.", Markup.Text(warning.TextContent), StringComparison.Ordinal);
        Assert.DoesNotContain("earlier list", warning.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RefreshRunning_EarlierListStaysWithRefreshProgress()
    {
        var members = Members();
        Snapshots.Current = TestSnapshots.Complete(members);
        Snapshots.Refreshing = TestSnapshots.Scanning(members[0], members[1]);

        var cut = Open();

        Assert.Equal("Refreshing from Vital: 2 users so far (1 page)…", Markup.Text(Text(cut, "scan-progress")));
        Assert.Equal(7, Rows(cut).Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=as-of]"));
        Assert.True(cut.Find("button[title='Read the team again from Vital']").HasAttribute("disabled"));
    }

    [Fact]
    public void Refresh_Click_AsksForANewScan()
    {
        Snapshots.Current = TestSnapshots.Complete(Members());
        var cut = Open();

        cut.Find("button[title='Read the team again from Vital']").Click();

        Assert.Equal(1, Snapshots.RefreshCalls);
    }

    [Fact]
    public void Refresh_ClickMomentsAfterAScan_SaysWhenTheTeamCanBeReadAgain()
    {
        Snapshots.Current = TestSnapshots.Complete(Members());
        var cut = Open();
        Assert.Empty(cut.FindAll("[data-testid=refresh-deferred]"));
        Snapshots.RefreshAllowedAt = TestPulls.Now.AddSeconds(45);

        cut.Find("button[title='Read the team again from Vital']").Click();

        var note = Markup.Text(Text(cut, "refresh-deferred"));
        Assert.StartsWith("The team was read from Vital moments ago, so this list is current; Refresh can read it again from", note, StringComparison.Ordinal);
        Assert.Equal(TestPulls.Now.AddSeconds(45).ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("[data-testid=refresh-deferred] time").GetAttribute("datetime"));
    }

    [Fact]
    public async Task Dispose_OpenPage_StopsListeningToTheSnapshot()
    {
        Open();
        Assert.Equal(1, Snapshots.ListenerCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, Snapshots.ListenerCount);
    }
}
