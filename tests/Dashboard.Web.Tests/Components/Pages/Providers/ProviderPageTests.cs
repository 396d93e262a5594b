using Bunit;
using Dashboard.Web.Components.Pages.Providers;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Providers;

public sealed class ProviderPageTests : DashboardContext
{
    public ProviderPageTests() => Snapshots.Current = TestSnapshots.Complete(ProviderFixtures.Team());

    private IRenderedComponent<ProviderPage> Open(string provider, string query = "")
    {
        OpenAt($"/providers/{Uri.EscapeDataString(provider)}{query}");
        return Render<ProviderPage>(p => p.Add(c => c.Provider, provider));
    }

    private static IReadOnlyList<string> UserRows(IRenderedComponent<ProviderPage> cut) =>
        [.. cut.FindAll("[data-testid=provider-user-link]").Select(a => a.TextContent)];

    [Theory]
    [InlineData("Oura")]
    [InlineData("o-u-r-a")]
    [InlineData("<b>oura</b>")]
    [InlineData("_oura")]
    [InlineData("../../api/users.csv")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Open_NotAProviderName_FriendlyMessageWithoutTouchingTheTeam(string provider)
    {
        var cut = Open(provider, "?tz=local");

        Assert.Equal("Not a provider", cut.Find("h1").TextContent);
        Assert.Contains("Nothing was asked of Vital.", cut.Find("[data-testid=invalid-provider]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/providers?tz=local", cut.FindAll("a").Single(a => a.TextContent.Trim() == "All providers").GetAttribute("href"));
        Assert.False(Snapshots.Touched);
        Assert.Empty(Audit.Entries);
        Assert.DoesNotContain("<b>oura</b>", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Provider_NameSlugAndALinkToItsUsersInTheGrid()
    {
        var cut = Open("apple_health_kit", "?tz=local");

        Assert.Equal("Apple HealthKit", cut.Find("[data-testid=provider-name]").TextContent);
        Assert.Equal("/?provider=apple_health_kit&tz=local", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Show in the team grid").GetAttribute("href"));
        Assert.Equal(1, Snapshots.EnsureFreshCalls);
        Assert.Equal((AuditAction.ProviderPage, (string?)null, "provider=apple_health_kit"), Audit.Entries.Select(e => (e.Action, e.UserId, e.Detail)).Single());
    }

    [Fact]
    public void ResourceTable_CountsPerStatusEqualTheUpstreamAnswers()
    {
        var cut = Open("oura");

        var statuses = cut.FindAll("[data-testid=resource-counts] thead th span.status-badge").Select(b => b.GetAttribute("data-status")!).ToList();
        Assert.Equal(["failure", "error", "paused", "retrying", "scheduled", "in_progress", "success"], statuses);
        var expected = ProviderFixtures.Expected(ProviderFixtures.Team(), "oura");
        var rows = cut.FindAll("[data-testid=resource-counts] tbody tr");
        Assert.Equal(["sleep", "workouts"], rows.Select(r => r.GetAttribute("data-resource")));
        foreach (var row in rows)
        {
            var resource = row.GetAttribute("data-resource")!;
            foreach (var status in statuses)
            {
                var shown = int.Parse(row.QuerySelector($"td[data-status='{status}']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(expected.GetValueOrDefault((resource, status)), shown);
            }

            Assert.Equal(
                expected.Where(e => e.Key.Resource == resource).Sum(e => e.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                row.QuerySelectorAll("td").Last().TextContent);
        }
    }

    [Fact]
    public void Users_FailingThenStuckThenRetryingThenUnknownThenInMotionThenSucceededThenNothingPulled()
    {
        var cut = Open("oura");

        Assert.Equal([Id(1), Id(9), Id(3), Id(4), Id(7), Id(5), Id(2), Id(6), Id(10)], UserRows(cut));
        Assert.Equal("9 users on Oura · 2 with resources not pulled", Markup.Text(cut.Find("[data-testid=provider-users]").TextContent));
    }

    [Fact]
    public void Users_RowShowsWorstStatusHereStuckFindingsAndActivity()
    {
        var cut = Open("oura");

        var rows = cut.FindAll("[data-testid=provider-user-table] tbody tr");
        var stuck = rows.Single(r => r.TextContent.Contains(Id(3), StringComparison.Ordinal));
        Assert.Equal("In progress", stuck.QuerySelector("span.status-badge")!.TextContent.Trim());
        Assert.Contains("Stuck", stuck.TextContent, StringComparison.Ordinal);
        Assert.Equal("warning", stuck.QuerySelector("span.severity-badge")!.GetAttribute("data-severity"));
        Assert.Contains("1 pull stuck", stuck.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-03-02 12:00 UTC", stuck.QuerySelector("time")!.TextContent);
        var nothing = rows.Single(r => r.TextContent.Contains(Id(10), StringComparison.Ordinal));
        Assert.Contains("Nothing pulled", nothing.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Stuck", rows.Single(r => r.TextContent.Contains(Id(5), StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Users_EachLinksToTheirPageFocusedOnThisProviderKeepingTz()
    {
        var cut = Open("oura", "?tz=local");

        Assert.All(cut.FindAll("[data-testid=provider-user-link]"), a =>
            Assert.Equal($"/users/{a.TextContent}?focus=oura&tz=local", a.GetAttribute("href")));
    }

    [Fact]
    public void Open_ProviderNobodyHas_SaysSo()
    {
        var cut = Open("polar");

        Assert.Contains("No user of this team has a Polar connection.", cut.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=resource-counts]"));
    }

    [Fact]
    public void Open_ProviderNobodyHasYetWhileReading_ProgressButNoEmptyState()
    {
        Snapshots.Current = TestSnapshots.Scanning(User(1).Pull("oura", "sleep", "success"));

        var cut = Open("polar");

        Assert.Empty(cut.FindAll("[data-testid=empty-state]"));
        Assert.NotEmpty(cut.FindAll("[aria-label='Reading users from Vital']"));
    }

    [Fact]
    public void Open_ScanFailedBeforeAnyUser_TheErrorAndNoClaimThatNobodyHasTheProvider()
    {
        Snapshots.Current = TestSnapshots.Failed("Vital did not answer in time.");

        var cut = Open("oura");

        Assert.Contains("Vital did not answer in time.", cut.Find("[data-testid=error-banner]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=empty-state]"));
    }

    [Fact]
    public void Open_UpstreamError_BannerWithRetryAndTheUsersReadSoFar()
    {
        Snapshots.Current = TestSnapshots.Failed("Vital did not answer in time.", ProviderFixtures.Team()[..3]);

        var cut = Open("oura");

        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Contains("Vital did not answer in time.", banner.TextContent, StringComparison.Ordinal);
        banner.QuerySelector("button")!.Click();
        Assert.Equal(1, Snapshots.RefreshCalls);
        Assert.Equal(3, UserRows(cut).Count);
    }

    [Fact]
    public void ShowMore_HundredsOfUsers_AHundredAtATime()
    {
        Snapshots.Current = TestSnapshots.Complete([.. Enumerable.Range(1, 250).Select(i => (UserHistoricalPulls)User(i).Pull("oura", "sleep", "success"))]);
        var cut = Open("oura");
        Assert.Equal(100, UserRows(cut).Count);

        var more = cut.FindAll("button").Single(b => b.TextContent.Contains("more", StringComparison.Ordinal));
        Assert.Equal("Show 100 more of 150", Markup.Text(more.TextContent));
        more.Click();

        Assert.Equal(200, UserRows(cut).Count);
        more = cut.FindAll("button").Single(b => b.TextContent.Contains("more", StringComparison.Ordinal));
        Assert.Equal("Show 50 more of 50", Markup.Text(more.TextContent));
        more.Click();

        Assert.Equal(250, UserRows(cut).Count);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("more", StringComparison.Ordinal));
        Assert.Equal([.. Enumerable.Range(1, 250).Select(Id)], UserRows(cut));
    }

    [Fact]
    public void Changed_MoreUsersArrive_TablesFollow()
    {
        var snapshot = TestSnapshots.Scanning(ProviderFixtures.Team()[0]);
        Snapshots.Current = snapshot;
        var cut = Open("oura");
        Assert.Single(UserRows(cut));

        TestSnapshots.Append(snapshot, ProviderFixtures.Team()[1..]);
        Snapshots.RaiseChanged();

        cut.WaitForAssertion(() => Assert.Equal(9, UserRows(cut).Count), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Navigate_FromAnInvalidNameToAProvider_ReadsTheTeamThen()
    {
        var cut = Open("Bad!");
        Assert.False(Snapshots.Touched);

        cut.Render(p => p.Add(c => c.Provider, "oura"));

        Assert.Equal(1, Snapshots.EnsureFreshCalls);
        Assert.Equal(9, UserRows(cut).Count);
    }

    [Fact]
    public void ResourceTable_EachCountLinksToItsUsersInTheTeamGrid_ZerosDoNot()
    {
        var cut = Open("oura", "?tz=local");

        var sleep = cut.Find("[data-testid=resource-counts] tr[data-resource='sleep']");
        var failed = sleep.QuerySelector("td[data-status='failure'] a")!;
        Assert.Equal("/?status=failure&provider=oura&resource=sleep&tz=local", failed.GetAttribute("href"));
        Assert.Equal("1", failed.TextContent);
        Assert.Equal("1 sleep, Failed: show these users", failed.GetAttribute("aria-label"));
        Assert.Null(cut.Find("[data-testid=resource-counts] tr[data-resource='workouts'] td[data-status='failure']").QuerySelector("a"));
    }

    [Fact]
    public void Open_Chart_PresentForSightedUsersWhileTheTableCarriesTheNumbers()
    {
        var cut = Open("oura");

        Assert.Equal("true", cut.Find(".chart").GetAttribute("aria-hidden"));
        Assert.Equal(2, cut.FindAll("[data-testid=resource-counts] tbody tr").Count);
    }

    [Fact]
    public void Open_Chart_OnlyThePullsNotYetSucceeded_OnTheResourcesThatHaveAny()
    {
        // Oura: sleep has a failed, a legacy error, a retrying, a scheduled, an in-progress and a "paused" pull;
        // workouts only succeeded.
        var cut = Open("oura");

        // The chart draws itself in the browser (the provider journey reads its bars); here, the words around it.
        Assert.Contains("the one resource that has any", cut.Find("[data-testid=chart-caption]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll(".chart"));
    }

    [Fact]
    public void Open_EveryPullSucceeded_SaysSoInsteadOfAChart()
    {
        Snapshots.Current = TestSnapshots.Complete(User(1).Pull("garmin", "sleep", "success"), User(2).Pull("garmin", "steps", "success"));

        var cut = Open("garmin");

        Assert.Equal("Every pull from Garmin succeeded.", cut.Find("[data-testid=all-succeeded]").TextContent.Trim());
        Assert.Empty(cut.FindAll(".chart"));
        Assert.Equal(2, cut.FindAll("[data-testid=resource-counts] tbody tr").Count);
    }

    [Fact]
    public async Task Dispose_OpenPage_StopsListeningToTheSnapshot()
    {
        Open("oura");
        Assert.Equal(1, Snapshots.ListenerCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, Snapshots.ListenerCount);
    }
}
