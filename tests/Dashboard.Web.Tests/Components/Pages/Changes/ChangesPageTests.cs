using Bunit;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Pages.Changes;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Components.Pages.Changes;

public sealed class ChangesPageTests : DashboardContext
{
    private readonly HistoryStatus _status;

    public ChangesPageTests()
    {
        _status = new HistoryStatus(Time);
        Services.AddSingleton<IHistoryStatus>(_status);
        Services.AddScoped<ChangesPageModel>();
    }

    private DateTimeOffset At(int hoursAgo) => Time.GetUtcNow().AddHours(-hoursAgo);

    private IRenderedComponent<ChangesPage> Open(string uri = "/changes")
    {
        OpenAt(uri);
        return Render<ChangesPage>();
    }

    [Fact]
    public void Open_Changes_GroupedByProviderThenCodeEachRowLinkingToTheUser()
    {
        History.Changes.AddRange(
        [
            new(At(1), "u-1", "oura", "sleep", "pull_failed", "critical", Appeared: true),
            new(At(2), "u-2", "oura", "sleep", "pull_retrying", "warning", Appeared: false),
            new(At(3), "u-3", "garmin", "activity", "pull_failed", "critical", Appeared: true),
            new(At(4), "u-4", null, null, "no_pull_data", "warning", Appeared: false),
        ]);

        var cut = Open("/changes?tz=relative");

        var sections = cut.FindAll("[data-testid=provider-changes]");
        Assert.Equal(3, sections.Count);
        Assert.StartsWith("Garmin", sections[0].QuerySelector("h2")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Oura", sections[1].QuerySelector("h2")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Whole user", sections[2].QuerySelector("h2")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["pull_failed", "pull_retrying"], sections[1].QuerySelectorAll("h3 code").Select(c => c.TextContent));
        var links = cut.FindAll("[data-testid=changes-table] a.user-id").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/users/u-1?focus=oura&tz=relative", links);
        Assert.Contains("/users/u-4?tz=relative", links);
        Assert.Contains("2 problems appeared", cut.Find("[data-testid=change-counts]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2 problems cleared", cut.Find("[data-testid=change-counts]").TextContent, StringComparison.Ordinal);
        Assert.Equal("demo:seed=1;users=500", History.LastScope);
    }

    [Fact]
    public void Open_Filters_GoToTheStoreAndIntoTheCsvLink()
    {
        var cut = Open("/changes?since=7d&provider=oura&code=pull_failed&change=cleared");

        Assert.Equal(["oura"], History.LastFilter!.Providers);
        Assert.Equal(["pull_failed"], History.LastFilter.Codes);
        Assert.Equal(ChangeDirection.Cleared, History.LastFilter.Direction);
        Assert.InRange(History.LastFilter.Since, Time.GetUtcNow().AddDays(-7).AddMinutes(-1), Time.GetUtcNow().AddDays(-7).AddMinutes(1));
        Assert.Equal("/api/changes.csv?since=7d&provider=oura&code=pull_failed&change=cleared", cut.Find("[data-testid=download-csv]").GetAttribute("href"));
        Assert.Contains(cut.FindAll("[data-testid=spans] a"), a => a.GetAttribute("href") == "/changes?since=30d&provider=oura&code=pull_failed&change=cleared");
        Assert.Equal("Time span and filters", cut.Find("[data-testid=spans]").GetAttribute("aria-label"));
        Assert.Equal("page", cut.FindAll("[data-testid=spans] a").Single(a => a.TextContent == "Cleared").GetAttribute("aria-current"));
        Assert.Equal("/changes?since=7d&change=cleared", cut.Find("[data-testid=clear-filters]").GetAttribute("href"));
    }

    [Fact]
    public void Open_NothingChanged_EmptyStateWithAWiderSpan()
    {
        var cut = Open();

        Assert.Contains("No problem appeared or cleared", cut.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=changes-table]"));
    }

    [Fact]
    public void Open_NoHistoryYet_SaysWhenItStarts()
    {
        History.HistoryStart = null;

        var cut = Open();

        Assert.Contains("No history yet", cut.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_StoreFails_ErrorInWordsNeverABlankPage()
    {
        History.Failure = new SqliteException("SQLite Error 14: unable to open /secret/path", 14);

        var cut = Open();

        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Contains("cannot be opened", banner.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("/secret/path", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("What changed", cut.Find("h1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_HistoryPaused_Banner()
    {
        _status.Pause("the database server cannot be reached");

        var cut = Open();

        Assert.Contains("the database server cannot be reached", cut.Find("[data-testid=history-paused]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BadSince_SaysSoAndShowsTheLastDay()
    {
        var cut = Open("/changes?since=yesterday");

        Assert.Contains("24h or 7d", cut.Find("[data-testid=filter-problem]").TextContent, StringComparison.Ordinal);
        Assert.InRange(History.LastFilter!.Since, Time.GetUtcNow().AddHours(-24).AddMinutes(-1), Time.GetUtcNow().AddHours(-24).AddMinutes(1));
    }

    [Fact]
    public void Open_MoreThanThePageHolds_SaysSo()
    {
        History.Changes.AddRange(Enumerable.Range(0, ChangesPageModel.PageLimit + 1)
            .Select(i => new ProblemChange(Time.GetUtcNow().AddMinutes(-i), $"u-{i}", "oura", "sleep", "pull_failed", "critical", true)));

        var cut = Open();

        Assert.NotNull(cut.Find("[data-testid=truncated]"));
        Assert.Equal(ChangesPageModel.PageLimit, cut.FindAll("[data-testid=changes-table] tbody tr").Count);
    }

    [Fact]
    public void Open_BrowserRemembersAnEarlierVisit_LinkSinceThenAndThisVisitRemembered()
    {
        JSInterop.Setup<string?>("dashboard.changesVisit", _ => true).SetResult("2026-03-02T08:00:00Z");

        var cut = Open("/changes?tz=relative&change=appeared");

        var link = cut.WaitForElement("[data-testid=since-last-visit]");
        Assert.Equal("/changes?since=2026-03-02T08%3A00%3A00Z&change=appeared&tz=relative", link.GetAttribute("href"));
        var visit = Assert.Single(JSInterop.Invocations, i => i.Identifier == "dashboard.changesVisit");
        Assert.Equal("2026-03-04T12:00:00Z", visit.Arguments[0]);
    }

    [Fact]
    public void Open_FollowingTheLastVisitLink_ThatSpanIsCurrentAndAsked()
    {
        JSInterop.Setup<string?>("dashboard.changesVisit", _ => true).SetResult("2026-03-02T08:00:00Z");

        var cut = Open("/changes?since=2026-03-02T08%3A00%3A00Z");

        Assert.Equal("page", cut.WaitForElement("[data-testid=since-last-visit]").GetAttribute("aria-current"));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), History.LastFilter!.Since);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a time")]
    [InlineData("2026-03-05T08:00:00Z")]
    public void Open_NoUsableEarlierVisit_NoLastVisitLink(string? remembered)
    {
        JSInterop.Setup<string?>("dashboard.changesVisit", _ => true).SetResult(remembered);

        var cut = Open();

        Assert.Single(JSInterop.Invocations, i => i.Identifier == "dashboard.changesVisit");
        Assert.Empty(cut.FindAll("[data-testid=since-last-visit]"));
        Assert.Equal(3, cut.FindAll("[data-testid=spans] a").Count(a => a.TextContent.Contains("hours", StringComparison.Ordinal) || a.TextContent.Contains("days", StringComparison.Ordinal)));
    }

    [Fact]
    public void Open_ChangesInTheList_ReadTheAuditAndNoHtmlFromUserIds()
    {
        History.Changes.Add(new(At(1), "<b>u\"1</b>", "oura", "sleep", "pull_failed", "critical", Appeared: true));

        var cut = Open();

        var link = cut.Find("[data-testid=changes-table] a.user-id");
        Assert.Equal("<b>u\"1</b>", link.TextContent);
        Assert.Equal("/users/%3Cb%3Eu%221%3C%2Fb%3E?focus=oura", link.GetAttribute("href"));
        Assert.Contains(Audit.Entries, e => e.Action == Dashboard.Web.Security.AuditAction.ChangesPage);
    }
}
