using Bunit;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Components.Pages.Users.UserFixtures;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

/// <summary>Auto-refresh runs only while something on the page is scheduled, in progress or retrying, on the fake clock.</summary>
public sealed class UserPageAutoRefreshTests : DashboardContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private IRenderedComponent<UserPage> Open()
    {
        OpenAt($"/users/{Id(1)}");
        return Render<UserPage>(p => p.Add(c => c.UserId, Id(1)));
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<UserPage> cut) => cut.Find("input[data-testid=auto-refresh]");

    private static string SwitchLabel(IRenderedComponent<UserPage> cut) => Markup.Text(cut.Find("label.mud-switch").TextContent);

    private static bool Watching(IRenderedComponent<UserPage> cut) => cut.FindAll("[data-testid=auto-refresh-running]").Count > 0;

    [Fact]
    public void Open_PullInMotion_SwitchOnAndWatching()
    {
        Diagnoses.Returns(Typical());

        var cut = Open();

        Assert.True(Switch(cut).HasAttribute("checked"));
        Assert.False(Switch(cut).HasAttribute("disabled"));
        Assert.Equal("Auto-refresh every 30 s", SwitchLabel(cut));
        Assert.True(Watching(cut));
    }

    [Theory]
    [InlineData("scheduled")]
    [InlineData("in_progress")]
    [InlineData("retrying")]
    public void Open_EachStatusInMotion_Watching(string status)
    {
        Diagnoses.Returns(User(1).Pull("oura", "sleep", status));

        Assert.True(Watching(Open()));
    }

    [Theory]
    [InlineData("success")]
    [InlineData("failure")]
    [InlineData("error")]
    [InlineData("paused")]
    public void Open_NothingInMotion_SwitchDisabledSaysWhyAndNoTicks(string status)
    {
        Diagnoses.Returns(User(1).Pull("oura", "sleep", status));

        var cut = Open();
        Time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(Switch(cut).HasAttribute("disabled"));
        Assert.Equal("Auto-refresh (nothing is in motion)", SwitchLabel(cut));
        Assert.False(Watching(cut));
        Assert.Single(Diagnoses.Calls);
    }

    [Fact]
    public void Tick_EveryInterval_FetchesAgainWithTheIntervalAsMaxAge()
    {
        Diagnoses.Returns(Typical());
        var cut = Open();

        Time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Single(Diagnoses.Calls);
        Time.Advance(TimeSpan.FromSeconds(1));
        Time.Advance(Interval);

        cut.WaitForAssertion(() => Assert.Equal(3, Diagnoses.Calls.Count), Wait);
        Assert.All(Diagnoses.Calls.Skip(1), c => Assert.Equal(new DiagnosisCall(Id(1), Refresh: false, MaxAge: Interval), c));
    }

    [Fact]
    public void Tick_PullFinished_NewStateShownWithoutReloadAndWatchingStops()
    {
        Diagnoses.Returns(Typical());
        var cut = Open();
        Assert.Equal("In progress", cut.Find("g.row[data-key='fitbit/activity'] text.status-label title").TextContent);

        Diagnoses.Returns(Typical(fitbitStatus: "success"), asOf: Now.Add(Interval));
        Time.Advance(Interval);

        cut.WaitForAssertion(() => Assert.Equal("Succeeded", cut.Find("g.row[data-key='fitbit/activity'] text.status-label title").TextContent), Wait);
        Assert.Equal("As of 2026-03-04 12:00:30 UTC", Markup.Text(cut.Find("[data-testid=as-of]").TextContent));
        Assert.DoesNotContain("pull_in_progress", cut.FindAll("[data-testid=findings] .finding").Select(f => f.GetAttribute("data-code")));
        // The pulls may show before the last source is in; watching stops once every source is.
        cut.WaitForAssertion(() => Assert.False(Watching(cut)), Wait);
        Assert.True(Switch(cut).HasAttribute("disabled"));

        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, Diagnoses.Calls.Count);
    }

    [Fact]
    public void SwitchOff_StopsTicking_AndOnAgainResumes()
    {
        Diagnoses.Returns(Typical());
        var cut = Open();

        Switch(cut).Change(false);

        cut.WaitForAssertion(() => Assert.False(Watching(cut)), Wait);
        Assert.False(Switch(cut).HasAttribute("checked"));
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(Diagnoses.Calls);

        Switch(cut).Change(true);

        cut.WaitForAssertion(() => Assert.True(Watching(cut)), Wait);
        Time.Advance(Interval);
        cut.WaitForAssertion(() => Assert.Equal(2, Diagnoses.Calls.Count), Wait);
    }

    [Fact]
    public async Task Dispose_StopsTicking()
    {
        Diagnoses.Returns(Typical());
        Open();

        await DisposeComponentsAsync();
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Single(Diagnoses.Calls);
    }

    [Fact]
    public async Task Dispose_ThenTheSameUserAgain_FetchedAfreshAndWatchedAgain()
    {
        Diagnoses.Returns(Typical());
        Open();
        await DisposeComponentsAsync();

        var cut = Open();

        Assert.Equal(2, Diagnoses.Calls.Count);
        Assert.True(Watching(cut));
    }

    [Fact]
    public void Interval_FromConfiguration()
    {
        UiOptions.AutoRefreshSeconds = 10;
        Diagnoses.Returns(Typical());
        var cut = Open();

        Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("Auto-refresh every 10 s", SwitchLabel(cut));
        cut.WaitForAssertion(() => Assert.Equal(TimeSpan.FromSeconds(10), Diagnoses.Calls[^1].MaxAge), Wait);
    }

    [Fact]
    public void Tick_UpstreamFails_BannerKeepsTheLastDiagnosisAndStopsWatchingUntilARetryWorks()
    {
        Diagnoses.Returns(Typical());
        var cut = Open();

        Diagnoses.Throws(VitalErrorKind.RateLimited);
        Time.Advance(Interval);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=error-banner]")), Wait);
        cut.WaitForAssertion(() => Assert.False(Watching(cut)), Wait);
        Assert.Equal(3, cut.FindAll("[data-testid=findings] .finding").Count);
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, Diagnoses.Calls.Count);

        Diagnoses.Returns(Typical());
        cut.Find("[data-testid=error-banner] button").Click();

        cut.WaitForAssertion(() => Assert.True(Watching(cut)), Wait);
        Assert.Empty(cut.FindAll("[data-testid=error-banner]"));
    }

    [Fact]
    public void ManualRefresh_PullFinished_WatchingStops()
    {
        Diagnoses.Returns(Typical());
        var cut = Open();

        Diagnoses.Returns(Settled());
        cut.Find("[data-testid=refresh]").Click();

        cut.WaitForAssertion(() => Assert.False(Watching(cut)), Wait);
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, Diagnoses.Calls.Count);
    }
}
