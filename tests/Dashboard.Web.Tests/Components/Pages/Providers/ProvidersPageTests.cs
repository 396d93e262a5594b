using Bunit;
using Dashboard.Web.Components.Pages.Providers;
using Dashboard.Web.Tests.Support;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Providers;

public sealed class ProvidersPageTests : DashboardContext
{
    private IRenderedComponent<ProvidersPage> Open(string uri = "/providers")
    {
        OpenAt(uri);
        return Render<ProvidersPage>();
    }

    /// <summary>The row's cells as text; the provider cell as its name and slug, space-separated.</summary>
    private static IReadOnlyList<string> Row(IRenderedComponent<ProvidersPage> cut, string provider)
    {
        var row = cut.FindAll("[data-testid=providers-table] tbody tr")
            .Single(r => r.QuerySelector("th a")!.GetAttribute("href")!.StartsWith($"/providers/{provider}", StringComparison.Ordinal));
        var name = string.Join(' ', row.QuerySelectorAll("th a, th code").Select(e => e.TextContent.Trim()));
        return [name, .. row.QuerySelectorAll("td").Select(c => Markup.Text(c.TextContent))];
    }

    [Fact]
    public void PullsByStatus_EachCountLinksToTheGridFilteredToThatProviderAndStatus()
    {
        Snapshots.Current = TestSnapshots.Complete(ProviderFixtures.Team());

        var cut = Open("/providers?tz=relative");

        var links = cut.FindAll("[data-testid=providers-table] tbody tr td a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/?status=failure&provider=fitbit&tz=relative", links);
        Assert.Contains("/?status=paused&provider=oura&tz=relative", links);
        Assert.Equal(8, links.Count);
    }

    [Fact]
    public void Open_TeamWithoutPulls_SaysSoInsteadOfAnEmptyTable()
    {
        Snapshots.Current = TestSnapshots.Complete();

        var cut = Open();

        Assert.Contains("No user of this team has a historical pull yet", cut.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=providers-table]"));
    }

    [Fact]
    public void Open_ScanFailedBeforeAnyUser_TheErrorAndNoClaimThatTheTeamIsEmpty()
    {
        Snapshots.Current = TestSnapshots.Failed("Vital rejected the dashboard's API key (401).");

        var cut = Open();

        Assert.Contains("401", cut.Find("[data-testid=error-banner]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=empty-state]"));
    }

    [Fact]
    public void Open_Team_OneRowPerProviderMostUsersFirstWithUsersAttentionAndPullsByStatus()
    {
        Snapshots.Current = TestSnapshots.Complete(ProviderFixtures.Team());

        var cut = Open();

        Assert.Equal(
            ["Provider", "Users", "Need attention", "Pulls by status"],
            cut.FindAll("[data-testid=providers-table] thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Oura", "Fitbit"], cut.FindAll("[data-testid=providers-table] tbody th a").Select(a => a.TextContent));
        Assert.Equal(
            ["Oura", "9", "7", "Failed 1 Failed (legacy 'error') 1 Unknown: paused 1 Retrying 1 Scheduled 1 In progress 1 Succeeded 3"],
            Row(cut, "oura"));
        Assert.Equal(["Fitbit", "1", "1", "Failed 1"], Row(cut, "fitbit"));
        Assert.Equal(1, Snapshots.EnsureFreshCalls);
    }

    [Fact]
    public void Open_ProviderWithAnotherDisplayName_SlugShownToo()
    {
        Snapshots.Current = TestSnapshots.Complete(User(1).Pull("apple_health_kit", "steps", "success"), User(2).Pull("some_new_provider", "steps", "success"));

        var cut = Open();

        Assert.Equal("Apple HealthKit apple_health_kit", Row(cut, "apple_health_kit")[0]);
        Assert.Equal("some_new_provider", Row(cut, "some_new_provider")[0]);
        Assert.Empty(cut.FindAll("[data-testid=providers-table] tbody tr").Last().QuerySelectorAll("code"));
    }

    [Fact]
    public void Open_TimeMode_ProviderLinksKeepTz()
    {
        Snapshots.Current = TestSnapshots.Complete(ProviderFixtures.Team());

        var cut = Open("/providers?tz=relative");

        Assert.Equal(["/providers/oura?tz=relative", "/providers/fitbit?tz=relative"], cut.FindAll("[data-testid=providers-table] tbody th a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Open_Legend_TheSameAsEverywhere()
    {
        var cut = Open();

        Assert.Equal(7, cut.FindAll(".status-legend [role=listitem]").Count);
    }

    [Fact]
    public void Open_ScanRunning_ProgressAndTheRowsSoFar()
    {
        Snapshots.Current = TestSnapshots.Scanning(ProviderFixtures.Team()[0]);

        var cut = Open();

        Assert.NotEmpty(cut.FindAll("[aria-label='Reading users from Vital']"));
        Assert.Equal(["Oura"], cut.FindAll("[data-testid=providers-table] tbody th a").Select(a => a.TextContent));
    }

    [Fact]
    public void Open_UpstreamError_BannerWithRetry()
    {
        Snapshots.Current = TestSnapshots.Failed("Vital is unavailable.", ProviderFixtures.Team()[0]);

        var cut = Open();

        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Contains("Vital is unavailable.", banner.TextContent, StringComparison.Ordinal);
        banner.QuerySelector("button")!.Click();
        Assert.Equal(1, Snapshots.RefreshCalls);
        Assert.Single(cut.FindAll("[data-testid=providers-table] tbody tr"));
    }

    [Fact]
    public void Changed_NewUsers_RowsFollow()
    {
        var snapshot = TestSnapshots.Scanning();
        Snapshots.Current = snapshot;
        var cut = Open();
        Assert.Empty(cut.FindAll("[data-testid=providers-table] tbody tr"));

        TestSnapshots.Append(snapshot, ProviderFixtures.Team());
        Snapshots.RaiseChanged();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=providers-table] tbody tr").Count), TimeSpan.FromSeconds(2));
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
