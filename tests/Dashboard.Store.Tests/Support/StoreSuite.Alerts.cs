using Dashboard.Store.Alerts;
using Dashboard.Store.Model;
using Dashboard.Store.Recording;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.Support;

/// <summary>The alert outbox: one alert per scan with new critical problems, handed out once, on both databases.</summary>
public abstract partial class StoreSuite
{
    [Fact]
    public async Task Alerts_ScanWithNewCriticalProblems_QueuesOneAlertWithThoseProblems()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "retrying")], [Retrying("oura", "sleep")]), User("u2")));
        var later = T0.AddHours(1);

        var written = await Store.WriteAsync(Team(
            later,
            User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]),
            User("u2", findings: [new("connection_error", "critical", "garmin")]),
            User("u3", [Pull("fitbit", "steps", "retrying")], [Retrying("fitbit", "steps")])));

        Assert.NotNull(written!.AlertId);
        var alert = await Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken);
        Assert.NotNull(alert);
        Assert.Equal(written.AlertId, alert.Id);
        Assert.Equal(written.ScanId, alert.ScanId);
        Assert.Equal(later, alert.SeenAt);
        Assert.Equal(
            [new NewProblem("u1", "oura", "sleep", "pull_failed"), new NewProblem("u2", "garmin", null, "connection_error")],
            alert.Problems.OrderBy(p => p.UserId, StringComparer.Ordinal));
        await using var db = Store.Database.CreateContext();
        var row = await db.Alerts.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, row.Problems);
        Assert.NotNull(row.AttemptedAt);
        Assert.Null(row.Outcome);
    }

    [Fact]
    public async Task Alerts_ProblemStillOpenOnTheNextScan_NoSecondAlert()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "success")])));
        var failing = User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]);
        var first = await Store.WriteAsync(Team(T0.AddHours(1), failing));

        var second = await Store.WriteAsync(Team(T0.AddHours(2), failing));

        Assert.NotNull(first!.AlertId);
        Assert.Null(second!.AlertId);
        await using var db = Store.Database.CreateContext();
        Assert.Equal(1, await db.Alerts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alerts_WarningTurnsCritical_CountsAsNewAndCriticalClearingDoesNot()
    {
        await Store.WriteAsync(Team(T0, User("u1", findings: [new("data_stale", "warning", "oura")]), User("u2", findings: [Failed("oura", "sleep")])));

        var written = await Store.WriteAsync(Team(T0.AddHours(1), User("u1", findings: [new("data_stale", "critical", "oura")]), User("u2")));

        var alert = await Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken);
        Assert.Equal(written!.AlertId, alert!.Id);
        Assert.Equal([new NewProblem("u1", "oura", null, "data_stale")], alert.Problems);
    }

    [Fact]
    public async Task Alerts_FirstScanEver_IsABaselineWithoutAlert()
    {
        var written = await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));

        Assert.Null(written!.AlertId);
        Assert.Null(await Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alerts_Off_NothingQueued()
    {
        await using var off = new StoreHarness(SecondHandle(), Store.Time, queueAlerts: false);
        await off.WriteAsync(Team(T0, User("u1")));

        var written = await off.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));

        Assert.Null(written!.AlertId);
        Assert.Equal(2, written.Changes);
        Assert.Null(await off.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alerts_ClaimedOnce_NeitherAnotherReplicaNorARestartGetsItAgain()
    {
        await Store.WriteAsync(Team(T0, User("u1")));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));
        await using var other = new StoreHarness(SecondHandle(), Store.Time);

        var claims = await Task.WhenAll(
            Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken),
            other.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken));

        Assert.Single(claims, c => c is not null);
        await using var restarted = new StoreHarness(SecondHandle(), Store.Time);
        Assert.Null(await restarted.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alerts_DatabaseDown_NothingHandedOutThenOneAlertOnceItIsBack()
    {
        await Store.WriteAsync(Team(T0, User("u1")));
        await BreakAsync();
        var written = new TaskCompletionSource<ScanWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.Writer.Written += w => written.TrySetResult(w);
        var failing = Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]));

        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.Status.Changed += () =>
        {
            if (Store.Status.IsPaused)
            {
                paused.TrySetResult();
            }
        };

        Store.Writer.Record(new CompletedScan("test", T0, failing.CompletedAt, 1, () => failing));

        // The writer has failed and waits on the (fake) clock, so nothing opens the database while it is repaired.
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // The sender cannot claim while the store is down: it sends nothing (it cannot know what was sent).
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken));
        await RepairAsync();
        while (!written.Task.IsCompleted)
        {
            Store.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(written.Task, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.NotNull((await written.Task).AlertId);
        var alert = await Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken);
        Assert.Equal([new NewProblem("u1", "oura", "sleep", "pull_failed")], alert!.Problems);
        Assert.Null(await Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alerts_Finished_OutcomeAndDetailKept()
    {
        await Store.WriteAsync(Team(T0, User("u1")));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));
        var alert = await Store.Outbox.ClaimNextAsync("test", TestContext.Current.CancellationToken);
        Store.Time.Advance(TimeSpan.FromSeconds(5));

        await Store.Outbox.FinishAsync(alert!.Id, AlertOutcome.Failed, "HTTP 500", TestContext.Current.CancellationToken);

        await using var db = Store.Database.CreateContext();
        var row = await db.Alerts.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AlertOutcome.Failed, row.Outcome);
        Assert.Equal("HTTP 500", row.Detail);
        Assert.Equal(Store.Time.GetUtcNow(), row.FinishedAt);
    }

    [Fact]
    public async Task Alerts_OtherScope_NotHandedOut()
    {
        await Store.WriteAsync(Team(T0, User("u1")), scope: "a");
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])), scope: "a");

        Assert.Null(await Store.Outbox.ClaimNextAsync("b", TestContext.Current.CancellationToken));
        Assert.NotNull(await Store.Outbox.ClaimNextAsync("a", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alerts_ScanPrunedByRetention_AlertGoesWithIt()
    {
        await Store.WriteAsync(Team(T0, User("u1")));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));
        await Store.WriteAsync(Team(T0.AddDays(50), User("u1")));
        Store.Time.SetUtcNow(T0.AddDays(91));

        await Store.Retention.PruneAsync(TestContext.Current.CancellationToken);

        await using var db = Store.Database.CreateContext();
        Assert.Equal(0, await db.Alerts.CountAsync(TestContext.Current.CancellationToken));
    }
}
