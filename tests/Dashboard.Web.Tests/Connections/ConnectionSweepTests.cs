using Dashboard.Store.Connections;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Connections;

/// <summary>The connection sweep on a fake clock: its pace, its order, its cursor across restarts, and its patience.</summary>
public sealed class ConnectionSweepTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Sweep_TwoPerSecond_ReadsUsersInIdOrderNoTwoStartsWithinHalfASecond()
    {
        await using var sweep = new SweepHarness(users: 20);
        await sweep.StartAsync();

        // Two and a half seconds of the fake clock hold six reads at most: at 0, 0.5, 1, 1.5, 2 and 2.5 s.
        await sweep.AdvanceUntilAsync(() => sweep.Time.GetUtcNow() >= Now.AddSeconds(2.5), Step);
        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 6, TimeSpan.Zero);

        var calls = sweep.Upstream.Calls;
        Assert.Equal([Id(1), Id(2), Id(3), Id(4), Id(5), Id(6)], calls.Select(c => c.UserId));
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(500), $"{pair.First.At:O} then {pair.Second.At:O}"));
        Assert.Equal(Now.AddSeconds(2.5), calls[^1].At);
    }

    [Fact]
    public async Task Sweep_Reading_KeptInMemoryAndStoredWithTheCursor()
    {
        var store = new MemoryReadingStore();
        await using var sweep = new SweepHarness(users: 4, store: store);
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => store.Saves >= 3, Step);

        var third = sweep.Readings.Of(Id(3));
        Assert.NotNull(third);
        Assert.Equal([new ConnectionReading("oura", "error", "token_refresh_failed")], third.Connections);
        Assert.Equal([new ConnectionReading("oura", "connected")], sweep.Readings.Of(Id(1))!.Connections);
        Assert.Equal(store.Users[Id(3)], third);
        // The cursor names the last user stored (the clock may have let a fourth be read by now).
        Assert.Equal(Now, store.Cursor!.RoundStartedAt);
        Assert.Equal(store.Users.Keys.Max(StringComparer.Ordinal), store.Cursor.LastUserId);
    }

    [Fact]
    public async Task Sweep_AfterRestart_ResumesAfterTheStoredCursorInTheSameRound()
    {
        var roundStart = Now.AddHours(-1);
        var store = new MemoryReadingStore { Cursor = new SweepCursor(Id(3), roundStart) };
        store.Seed(new UserConnections(Id(2), roundStart.AddMinutes(1), [new("garmin", "paused")]));
        await using var sweep = new SweepHarness(users: 6, store: store);
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 1, Step);

        Assert.Equal(Id(4), sweep.Upstream.Calls[0].UserId);
        Assert.Equal("paused", Assert.Single(sweep.Readings.Of(Id(2))!.Connections).Status);
        Assert.Equal(new SweepCursor(Id(4), roundStart), sweep.Status.Cursor);
        var progress = sweep.Status.Progress(sweep.Snapshots.Current)!;
        Assert.Equal((4, 6, roundStart), (progress.Read, progress.Users, progress.RoundStartedAt));
    }

    [Fact]
    public async Task Sweep_LastUserRead_NextRoundStartsFromTheFirstWithANewStart()
    {
        await using var sweep = new SweepHarness(users: 3);
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 4, Step);

        var calls = sweep.Upstream.Calls;
        Assert.Equal([Id(1), Id(2), Id(3), Id(1)], calls.Take(4).Select(c => c.UserId));
        Assert.True(sweep.Status.Cursor!.RoundStartedAt > Now);
        Assert.True(sweep.Status.Cursor.RoundStartedAt <= calls[3].At);
    }

    [Fact]
    public async Task Sweep_RoundDone_ReadingsOfUsersWhoLeftTheTeamForgottenInMemoryAndInTheStore()
    {
        var store = new MemoryReadingStore();
        store.Seed(new UserConnections(Id(9), Now.AddDays(-3), [new("garmin", "error")]));
        await using var sweep = new SweepHarness(users: 3, store: store);
        await sweep.StartAsync();
        await sweep.AdvanceUntilAsync(() => sweep.Readings.Of(Id(2)) is not null, Step);
        // Loaded at start, and kept while the round runs.
        Assert.NotNull(sweep.Readings.Of(Id(9)));

        await sweep.AdvanceUntilAsync(() => store.Forgets >= 1, Step);

        Assert.Null(sweep.Readings.Of(Id(9)));
        Assert.False(store.Users.ContainsKey(Id(9)));
        Assert.All([Id(1), Id(2), Id(3)], id => Assert.NotNull(sweep.Readings.Of(id)));
        Assert.Equal(3, store.Users.Count);
    }

    [Fact]
    public async Task Sweep_RoundDoneOnAPartialTeam_NothingForgotten()
    {
        var store = new MemoryReadingStore();
        store.Seed(new UserConnections(Id(9), Now.AddDays(-3), [new("garmin", "error")]));
        await using var sweep = new SweepHarness(users: 2, store: store);
        var partial = TestSnapshots.Scanning([.. Enumerable.Range(1, 2).Select(i => (UserHistoricalPulls)User(i).Pull("oura", "sleep", "success"))]);
        partial.CompleteIncomplete(Now, [new ScanGap(new ProviderSlug("garmin"), TeamWalk.Pulls, 0, VitalErrorKind.Unavailable, "Vital is unavailable (503).")], 0);
        sweep.Snapshots.Current = partial;
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 3, Step);

        Assert.Equal([Id(1), Id(2), Id(1)], sweep.Upstream.Calls.Take(3).Select(c => c.UserId));
        Assert.NotNull(sweep.Readings.Of(Id(9)));
        Assert.Equal(0, store.Forgets);
    }

    [Fact]
    public async Task Sweep_AnotherReplicaScans_NeverAsksVitalLoadsWhatItStoredThenTakesOverAtItsCursor()
    {
        var store = new MemoryReadingStore { Cursor = new SweepCursor(Id(2), Now.AddMinutes(-5)) };
        store.Seed(new UserConnections(Id(1), Now.AddMinutes(-5), [new("oura", "connected")]));
        store.Seed(new UserConnections(Id(2), Now.AddMinutes(-4), [new("oura", "paused")]));
        var lease = new FakeScanLease(ScanRole.Follower);
        await using var sweep = new SweepHarness(users: 5, store: store, lease: lease);
        await sweep.StartAsync(() => sweep.Readings.Of(Id(2)) is not null);

        // The sweeping replica reads user 3 meanwhile.
        store.Seed(new UserConnections(Id(3), Now.AddSeconds(10), [new("oura", "error", "token_refresh_failed")]));
        store.Cursor = new SweepCursor(Id(3), Now.AddMinutes(-5));
        await sweep.AdvanceUntilAsync(() => sweep.Readings.Of(Id(3)) is not null, TimeSpan.FromSeconds(10));

        Assert.Empty(sweep.Upstream.Calls);
        Assert.Equal("paused", Assert.Single(sweep.Readings.Of(Id(2))!.Connections).Status);
        Assert.Equal("error", Assert.Single(sweep.Readings.Of(Id(3))!.Connections).Status);
        Assert.Equal(Id(3), sweep.Status.Cursor!.LastUserId);
        Assert.Equal(0, store.Saves);

        lease.Role = ScanRole.Leader;
        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 2, TimeSpan.FromSeconds(10));

        Assert.Equal([Id(4), Id(5)], sweep.Upstream.Calls.Take(2).Select(c => c.UserId));
        Assert.Equal(Now.AddMinutes(-5), sweep.Status.Cursor!.RoundStartedAt);
    }

    [Fact]
    public async Task Sweep_VitalFails_WaitsLongerEachTimeAsksForTheSameUserThenGoesOn()
    {
        await using var sweep = new SweepHarness(users: 3);
        sweep.Upstream.FailNext = 3;
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 1, Step);
        await sweep.AdvanceUntilAsync(() => sweep.Status.UpstreamProblem is not null, TimeSpan.Zero);
        Assert.Contains("Vital is unavailable (503)", sweep.Status.UpstreamProblem, StringComparison.Ordinal);
        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 5, Step);

        var calls = sweep.Upstream.Calls;
        Assert.Equal([Id(1), Id(1), Id(1), Id(1), Id(2)], calls.Take(5).Select(c => c.UserId));
        var gaps = calls.Zip(calls.Skip(1)).Take(4).Select(p => p.Second.At - p.First.At).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(1), $"{gaps[0]}");
        Assert.True(gaps[1] >= TimeSpan.FromSeconds(2), $"{gaps[1]}");
        Assert.True(gaps[2] >= TimeSpan.FromSeconds(4), $"{gaps[2]}");
        Assert.True(gaps[3] >= TimeSpan.FromMilliseconds(500) && gaps[3] < TimeSpan.FromSeconds(1), $"{gaps[3]}");
        Assert.Null(sweep.Status.UpstreamProblem);
        Assert.False(sweep.Sweep.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Sweep_VitalRefusesOneUser_MovesOnWithoutAReadingForThem()
    {
        await using var sweep = new SweepHarness(users: 4);
        sweep.Upstream.Refused.Add(Id(2));
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => sweep.Upstream.Calls.Count >= 3, Step);
        await sweep.AdvanceUntilAsync(() => sweep.Readings.Of(Id(3)) is not null, TimeSpan.Zero);

        Assert.Equal([Id(1), Id(2), Id(3)], sweep.Upstream.Calls.Take(3).Select(c => c.UserId));
        Assert.Null(sweep.Readings.Of(Id(2)));
        Assert.Null(sweep.Status.UpstreamProblem);
    }

    [Fact]
    public async Task Sweep_StoreDown_ReadingsKeptInMemorySaidSoAndStoredAgainOnceItIsBack()
    {
        var store = new MemoryReadingStore { Down = true };
        await using var sweep = new SweepHarness(users: 5, store: store);
        await sweep.StartAsync();

        await sweep.AdvanceUntilAsync(() => sweep.Readings.Of(Id(2)) is not null, Step);
        Assert.NotNull(sweep.Status.StoreProblem);
        Assert.Contains("kept in memory", sweep.Status.StoreProblem, StringComparison.Ordinal);
        Assert.Equal(0, store.Saves);

        store.Down = false;
        await sweep.AdvanceUntilAsync(() => store.Saves >= 1, Step);

        Assert.Null(sweep.Status.StoreProblem);
        Assert.NotNull(store.Cursor);
    }

    [Fact]
    public async Task Sweep_Off_NeverAsksVital()
    {
        await using var sweep = new SweepHarness(users: 3, requestsPerSecond: 0);

        await sweep.StartAsync();
        await sweep.Sweep.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        sweep.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(sweep.Sweep.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty(sweep.Upstream.Calls);
        Assert.Null(sweep.Status.Progress(sweep.Snapshots.Current));
    }
}
