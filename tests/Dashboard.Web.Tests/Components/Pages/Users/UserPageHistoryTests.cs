using Bunit;
using Dashboard.Store.Model;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using static Dashboard.Web.Tests.Components.Pages.Users.UserFixtures;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

/// <summary>The user page's History section and the findings' first-seen times, over a faked history store.</summary>
public sealed class UserPageHistoryTests : DashboardContext
{
    private static readonly DateTimeOffset Start = Now.AddDays(-10);

    public UserPageHistoryTests()
    {
        History.HistoryStart = Start;
        Times.SetMode(Dashboard.Web.Ui.TimeDisplayMode.Utc);
    }

    private IRenderedComponent<UserPage> Open(string userId)
    {
        OpenAt($"/users/{userId}");
        return Render<UserPage>(p => p.Add(c => c.UserId, userId));
    }

    private static ItemHistory Pull(string provider, string resource, params ItemChange[] changes) => new(TransitionKind.Pull, provider, resource, null, changes);

    private static ItemHistory Finding(string code, string severity, string? provider, string? resource, DateTimeOffset appeared) =>
        new(TransitionKind.Finding, provider, resource, code, [new ItemChange(appeared, null, severity)]);

    [Fact]
    public void Open_PullRetriedThenFailed_SaysSinceWhenAndWhatCameBefore()
    {
        Diagnoses.Returns(Typical());
        History.Users[Id(1)] =
        [
            Pull("oura", "workouts", new ItemChange(Now.AddDays(-3).AddHours(-2), "in_progress", "retrying"), new ItemChange(Now.AddDays(-3), "retrying", "failure")),
            Pull("fitbit", "activity", new ItemChange(Now.AddHours(-1), null, "in_progress")),
        ];

        var cut = Open(Id(1));

        var lines = cut.FindAll("[data-testid=history-line]");
        Assert.Equal(["fitbit", "oura"], lines.Select(l => l.GetAttribute("data-provider")));
        var workouts = Markup.Text(lines[1].TextContent);
        Assert.StartsWith("Oura · workouts: Failed since 2026-03-01 12:00 UTC; retrying for 2 hours before that.", workouts, StringComparison.Ordinal);
        Assert.Contains("2 recorded changes", workouts, StringComparison.Ordinal);
        Assert.Equal(
            ["2026-03-01 12:00 UTC: Retrying → Failed", "2026-03-01 10:00 UTC: In progress → Retrying"],
            lines[1].QuerySelectorAll("ol li").Select(li => Markup.Text(li.TextContent)));
        Assert.Equal("Fitbit · activity: In progress since 2026-03-04 11:00 UTC.", Markup.Text(lines[0].TextContent));
        Assert.Equal(1, History.UserHistoryReads);
    }

    [Fact]
    public void Open_FindingsWithHistory_FirstSeenTimesInTheList()
    {
        Diagnoses.Returns(Typical());
        History.Users[Id(1)] =
        [
            Finding("pull_failed", "critical", "oura", "workouts", Now.AddDays(-3)),
            new(TransitionKind.Finding, "fitbit", "activity", "pull_in_progress", [new ItemChange(Now.AddHours(-2), "warning", "info")]),
        ];

        var cut = Open(Id(1));

        string? Seen(string code) => cut.FindAll($"[data-testid=findings] .finding[data-code={code}] [data-testid=finding-seen]")
            .Select(e => Markup.Text(e.TextContent)).SingleOrDefault();
        Assert.Equal("First seen 2026-03-01 12:00 UTC.", Seen("pull_failed"));
        Assert.Equal("Already there when the history starts, 2026-02-22 12:00 UTC.", Seen("pull_in_progress"));
        Assert.Equal("No change of it recorded since the history starts, 2026-02-22 12:00 UTC.", Seen("resources_not_pulled"));
    }

    [Fact]
    public void Open_FindingClearedAtTheLastScanOrHistoryCutOff_NothingSaid()
    {
        Diagnoses.Returns(Typical());
        History.UserHistoryTruncated = true;
        History.Users[Id(1)] =
        [
            new(TransitionKind.Finding, "oura", "workouts", "pull_failed", [new ItemChange(Now.AddDays(-3), null, "critical"), new ItemChange(Now.AddHours(-1), "critical", null)]),
        ];

        var cut = Open(Id(1));

        Assert.Empty(cut.FindAll("[data-testid=finding-seen]"));
        Assert.Contains("The newest 1,000 changes only", cut.Find("[data-testid=history-truncated]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NothingRecordedForTheUser_SaysSinceWhenNothingChanged()
    {
        Diagnoses.Returns(Settled());

        var cut = Open(Id(1));

        Assert.Equal(
            "No status change recorded for this user since the history starts, 2026-02-22 12:00 UTC: every pull and connection has held its status since then.",
            Markup.Text(cut.Find("[data-testid=no-history]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=history-line]"));
    }

    [Fact]
    public void Open_NoHistoryYet_SaysWhenItStartsAndNoFirstSeenTimes()
    {
        Diagnoses.Returns(Typical());
        History.HistoryStart = null;

        var cut = Open(Id(1));

        Assert.Contains("No history yet for this team", cut.Find("[data-testid=no-history]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=finding-seen]"));
    }

    [Fact]
    public void Open_StoreFails_WarningInWordsAndTheDiagnosisStillShown()
    {
        Diagnoses.Returns(Typical());
        History.Failure = new SqliteException("SQLite Error 14: unable to open /secret/path", 14);

        var cut = Open(Id(1));

        var warning = cut.Find("[data-testid=history-unavailable]");
        Assert.Contains("cannot be opened", warning.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("/secret/path", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll("[data-testid=findings] .finding").Count);
        Assert.Empty(cut.FindAll("[data-testid=finding-seen]"));
    }

    [Fact]
    public void Open_SameUserOtherFocus_HistoryReadOnce()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));

        Navigation.NavigateTo($"/users/{Id(1)}?focus=fitbit");
        cut.Render(p => p.Add(c => c.UserId, Id(1)));

        Assert.Equal(1, History.UserHistoryReads);
    }

    [Fact]
    public void HistoryLine_ConnectionAndGone_WordsOfTheirOwn()
    {
        var connection = HistoryLine.From(new ItemHistory(TransitionKind.Connection, "oura", null, null, [new ItemChange(Now, "connected", "error")]));
        var gone = HistoryLine.From(Pull("oura", "sleep", new ItemChange(Now, "success", null)));

        Assert.Equal(("Oura", "Connection broken", "connected before that"), (connection.Subject, connection.Now, connection.Before));
        Assert.Equal(("No longer listed by Vital", "succeeded before that"), (gone.Now, gone.Before));
        Assert.Equal("No longer listed (was Succeeded)", gone.Describe(gone.Item.Changes[0]));
        Assert.Equal("Appeared as Scheduled", gone.Describe(new ItemChange(Now, null, "scheduled")));
    }
}
