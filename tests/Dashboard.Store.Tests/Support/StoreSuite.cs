using Dashboard.Store.Model;
using Dashboard.Store.Reading;
using Dashboard.Store.Recording;
using Dashboard.Store.State;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.Support;

/// <summary>
/// The store's behaviour on a real database. Each provider's test class runs every test here on a database of its
/// own (SQLite: a file in a temporary folder; PostgreSQL: a database in a container).
/// </summary>
public abstract partial class StoreSuite : IAsyncLifetime
{
    private StoreHarness? _harness;

    internal StoreHarness Store => _harness ?? throw new InvalidOperationException("Not initialized.");

    public async ValueTask InitializeAsync()
    {
        _harness = new StoreHarness(await CreateDatabaseAsync());
        await Store.Migrator.EnsureMigratedAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new, empty database.</summary>
    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Makes the database unreachable for new connections until <see cref="RepairAsync"/>.</summary>
    protected abstract Task BreakAsync();

    protected abstract Task RepairAsync();

    /// <summary>Another handle on the same database, as a second replica would have.</summary>
    internal abstract StoreDatabase SecondHandle();

    [Fact]
    public async Task Write_StoredTeamDamaged_ThisScanIsANewBaselineAndHistoryGoesOn()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "retrying")])));
        await using (var db = Store.Database.CreateContext())
        {
            var row = await db.TeamStates.SingleAsync(TestContext.Current.CancellationToken);
            row.Payload = row.Payload[..(row.Payload.Length / 2)];
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // Another replica (this one remembers what it wrote and would not read the row).
        var second = new StoreHarness(SecondHandle());
        var written = await second.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")])));
        var next = await second.WriteAsync(Team(T0.AddHours(2), User("u1", [Pull("oura", "sleep", "success")])));
        await second.DisposeAsync();

        Assert.NotNull(written);
        Assert.True(written.Baseline);
        Assert.Equal(0, written.Changes);
        Assert.NotNull(next);
        Assert.False(next.Baseline);
        Assert.Equal(1, next.Changes);
    }

    [Fact]
    public async Task Write_LazilyMadeTeam_EachUserMadeAtMostTwicePerScanAndStoredAsMade()
    {
        var made = 0;
        TeamState Lazy(DateTimeOffset at, params UserState[] users) => Team(at) with
        {
            Users = new MappedUsers(users.Length, i => users[i].UserId, i =>
            {
                Interlocked.Increment(ref made);
                return users[i];
            }),
        };

        await Store.WriteAsync(Lazy(T0, User("u1", [Pull("oura", "sleep", "retrying")]), User("u2")));
        Assert.InRange(made, 2, 4);
        made = 0;
        var written = await Store.WriteAsync(Lazy(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]), User("u2")));

        Assert.InRange(made, 4, 4);
        Assert.Equal(2, written!.Changes);
        await using var stored = await Store.Reader.LoadLatestStateAsync("test", TestContext.Current.CancellationToken);
        var u1 = stored!.Users.First();
        Assert.Equal("failure", Assert.Single(u1.Pulls).Status);
        Assert.Equal("pull_failed", Assert.Single(u1.Findings).Code);
        await using var db = Store.Database.CreateContext();
        var scan = await db.Scans.OrderByDescending(s => s.Id).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, scan.Pulls);
        Assert.Contains("\"failure\":1", scan.Counts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_NewDatabase_ModelMatchesAndNothingPending()
    {
        await using var db = Store.Database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(0, await db.Scans.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Migrate_TwoProcessesAtOnce_BothSucceedAndMigrateOnce()
    {
        var fresh = await CreateOtherDatabaseAsync();
        var first = new StoreHarness(fresh.Database);
        var second = new StoreHarness(fresh.Second);

        await Task.WhenAll(
            first.Migrator.EnsureMigratedAsync(TestContext.Current.CancellationToken),
            second.Migrator.EnsureMigratedAsync(TestContext.Current.CancellationToken));

        await using var db = fresh.Database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        await first.DisposeAsync();
        await second.DisposeAsync();
        await fresh.Drop();
    }

    [Fact]
    public async Task Record_FirstScan_BaselineWithStateAndNoTransitions()
    {
        var state = Team(T0, User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]));

        var written = await Store.WriteAsync(state, calls: 7);

        Assert.NotNull(written);
        Assert.True(written.Baseline);
        Assert.Equal(0, written.Changes);
        await using var db = Store.Database.CreateContext();
        var scan = await db.Scans.SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(scan.Baseline);
        Assert.Equal(1, scan.Users);
        Assert.Equal(1, scan.Pulls);
        Assert.Equal(7, scan.UpstreamCalls);
        Assert.Equal(60_000, scan.DurationMs);
        Assert.Equal(T0, scan.CompletedAt);
        Assert.Equal(0, await db.Transitions.CountAsync(TestContext.Current.CancellationToken));
        await using var stored = await Store.Reader.LoadLatestStateAsync("test", TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(scan.Id, stored.ScanId);
        Assert.Equal("u1", Assert.Single(stored.Users).UserId);
    }

    [Fact]
    public async Task StoredPayload_OpenedForTheDiff_StreamedFromTheDatabaseAndReadsAsWritten()
    {
        var state = Team(T0, User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]), User("u2", [Pull("garmin", "hrv", "success")], []));
        await Store.WriteAsync(state, calls: 1);
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = Store.Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var none = await db.OpenTeamStatePayloadAsync("other team", cancellationToken);
        await using var payload = await db.OpenTeamStatePayloadAsync("test", cancellationToken);

        Assert.NotNull(payload);
        Assert.Null(none);
        // Read off the open result (SqliteBlob, Npgsql's column stream), not copied into one array first.
        Assert.IsNotType<MemoryStream>(payload.Stream);
        var users = TeamStateSerializer.ReadUsers(payload.Stream, TeamStateSerializer.Format);
        Assert.NotNull(users);
        Assert.Equal(["u1", "u2"], users.Select(u => u.UserId));
    }

    [Fact]
    public async Task LoadLatestState_AnotherReplicaPublishesBetweenTheHeadAndThePayload_BothFromOneScan()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "failure")])));
        await using var other = new StoreHarness(SecondHandle());
        Task<ScanWritten?>? published = null;
        var reader = new HistoryReader(Store.Database, Store.Migrator)
        {
            // The other replica's next scan, committed before the payload is read (neither database's writer waits for
            // a reader: PostgreSQL's snapshots, SQLite's WAL mode).
            BetweenReads = async () =>
            {
                published = other.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "success")]), User("u2")));
                await published.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            },
        };

        var stored = await reader.LoadLatestStateAsync("test", cancellationToken);
        Assert.NotNull(stored);
        List<UserState> users;
        await using (stored)
        {
            users = [.. stored.Users];
        }

        var second = await published!;
        Assert.Equal(first!.ScanId, stored.ScanId);
        Assert.Equal(T0, stored.CompletedAt);
        Assert.Equal(1, stored.UserCount);
        Assert.Equal("failure", Assert.Single(Assert.Single(users).Pulls).Status);
        // The next load reads the other replica's scan, whole.
        reader.BetweenReads = null;
        await using var next = await reader.LoadLatestStateAsync("test", cancellationToken);
        Assert.Equal(second!.ScanId, next!.ScanId);
        Assert.Equal(["u1", "u2"], next.Users.Select(u => u.UserId));
    }

    [Fact]
    public async Task StoredPayload_WrittenAsAStream_ManyCopyBuffersLongAndReplacedByEachScan_StoredByteForByte()
    {
        // Trace ids that do not compress make payloads of several of the writer's 64 kB copy buffers; the second scan's
        // is longer than the first's, the third's shorter, so each write must size the stored payload anew.
        static TeamState Sized(DateTimeOffset completedAt, int users) => Team(completedAt, [.. Enumerable.Range(0, users).Select(i =>
            User($"u{i}", [Pull("oura", "sleep", "success") with { TraceId = Guid.NewGuid().ToString("N") }]))]);
        var cancellationToken = TestContext.Current.CancellationToken;

        foreach (var (state, at) in new[] { (Sized(T0, 4_000), 0), (Sized(T0.AddHours(1), 9_000), 1), (Sized(T0.AddHours(2), 300), 2) })
        {
            await Store.WriteAsync(state, calls: 1);

            await using var db = Store.Database.CreateContext();
            var row = await db.TeamStates.AsNoTracking().SingleAsync(cancellationToken);
            Assert.Equal(state.CompletedAt, row.CompletedAt);
            Assert.Equal(TeamStateSerializer.Serialize(state), row.Payload);
            Assert.True(at == 2 || row.Payload.Length > 2 << 16, $"payload of {row.Payload.Length} bytes");
        }
    }

    [Fact]
    public async Task ScanProblems_LatestPerScope_AnOlderOneNeverReplacesANewer()
    {
        var problems = new ScanProblemStore(Store.Database, Store.Migrator);
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.Null(await problems.LatestAsync("test", cancellationToken));
        await problems.WriteAsync(new ScanProblem("test", T0, "Vital rejected the API key."), cancellationToken);
        await problems.WriteAsync(new ScanProblem("test", T0.AddMinutes(5), "The newest scan could not read the whole team."), cancellationToken);
        await problems.WriteAsync(new ScanProblem("test", T0.AddMinutes(1), "An older scan's problem, written late."), cancellationToken);
        await problems.WriteAsync(new ScanProblem("other", T0, "Another team's."), cancellationToken);

        Assert.Equal(new ScanProblem("test", T0.AddMinutes(5), "The newest scan could not read the whole team."), await problems.LatestAsync("test", cancellationToken));
        Assert.Equal(new ScanProblem("other", T0, "Another team's."), await problems.LatestAsync("other", cancellationToken));
    }

    [Fact]
    public async Task Record_SecondScan_WritesWhatChangedWithItsTime()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "retrying")], [Retrying("oura", "sleep")])));
        var later = T0.AddHours(2);

        var written = await Store.WriteAsync(Team(later, User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));

        Assert.Equal(3, written!.Changes);
        await using var db = Store.Database.CreateContext();
        var rows = await db.Transitions.OrderBy(t => t.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(later, r.SeenAt));
        Assert.All(rows, r => Assert.Equal(written.ScanId, r.ScanId));
        Assert.Contains(rows, r => r is { Kind: TransitionKind.Pull, FromValue: "retrying", ToValue: "failure", Provider: "oura", Resource: "sleep" });
        Assert.Contains(rows, r => r is { Kind: TransitionKind.Finding, Code: "pull_failed", FromValue: null, ToValue: "critical" });
        Assert.Contains(rows, r => r is { Kind: TransitionKind.Finding, Code: "pull_retrying", FromValue: "warning", ToValue: null });
        Assert.Equal(written.ScanId, (await db.TeamStates.SingleAsync(TestContext.Current.CancellationToken)).ScanId);
    }

    [Fact]
    public async Task Record_SummaryRow_CountsPerProviderStatusAndCode()
    {
        await Store.WriteAsync(Team(T0,
            User("u1", [Pull("oura", "sleep", "failure"), Pull("oura", "workouts", "success")], [Failed("oura", "sleep")]),
            User("u2", [Pull("oura", "sleep", "success"), Pull("garmin", "activity", "retrying")], [Retrying("garmin", "activity"), new("no_pull_data", "warning")])));

        await using var db = Store.Database.CreateContext();
        var counts = ScanCounts.FromJson((await db.Scans.SingleAsync(TestContext.Current.CancellationToken)).Counts);
        Assert.Equal(2, counts.Providers["oura"].Users);
        Assert.Equal(2, counts.Providers["oura"].Statuses["success"]);
        Assert.Equal(1, counts.Providers["oura"].Statuses["failure"]);
        Assert.Equal(1, counts.Providers["oura"].Findings["pull_failed"]);
        Assert.Equal(1, counts.Providers["garmin"].Statuses["retrying"]);
        Assert.Equal(1, counts.Providers[ScanCounts.NoProvider].Findings["no_pull_data"]);
    }

    [Fact]
    public async Task Record_AfterRestart_ComparesWithTheStoredStateOnce()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "in_progress")])));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "success")])));
        await using var restarted = new StoreHarness(SecondHandle(), Store.Time);

        var written = await restarted.WriteAsync(Team(T0.AddHours(2), User("u1", [Pull("oura", "sleep", "success")])));

        Assert.Equal(0, written!.Changes);
        await using var db = Store.Database.CreateContext();
        Assert.Equal(1, await db.Transitions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Record_ScanOlderThanStored_NotWritten()
    {
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "success")])));
        await using var other = new StoreHarness(SecondHandle(), Store.Time);
        await other.StartAsync();

        other.Writer.Record(new CompletedScan("test", T0.AddMinutes(-1), T0, 1, () => Team(T0, User("u1", [Pull("oura", "sleep", "failure")]))));
        // A newer one behind it proves the older one was handled first.
        var written = await other.WriteAsync(Team(T0.AddHours(2), User("u1", [Pull("oura", "sleep", "success")])));

        Assert.Equal(0, written!.Changes);
        await using var db = Store.Database.CreateContext();
        Assert.Equal(2, await db.Scans.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Transitions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LatestState_EachWrite_SaysWhenItsScanCompletedAndItsUsersPerScope()
    {
        Assert.Null(await Store.Reader.LatestStateAsync("test", TestContext.Current.CancellationToken));
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "failure")])));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "success")]), User("u2", [Pull("oura", "sleep", "success")])));

        Assert.Equal(new StoredStateHead(T0.AddHours(1), 2), await Store.Reader.LatestStateAsync("test", TestContext.Current.CancellationToken));
        Assert.Equal(T0.AddHours(1), (await Store.Reader.LoadLatestStateAsync("test", TestContext.Current.CancellationToken))!.CompletedAt);
        Assert.Null(await Store.Reader.LatestStateAsync("other", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Record_TwoScopes_KeptApart()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "failure")])), scope: "live:a");
        var written = await Store.WriteAsync(Team(T0.AddHours(1), User("u9", [Pull("oura", "sleep", "success")])), scope: "demo");

        Assert.True(written!.Baseline);
        Assert.Equal("u1", Assert.Single((await Store.Reader.LoadLatestStateAsync("live:a", TestContext.Current.CancellationToken))!.Users).UserId);
        Assert.Equal("u9", Assert.Single((await Store.Reader.LoadLatestStateAsync("demo", TestContext.Current.CancellationToken))!.Users).UserId);
    }

    [Fact]
    public async Task Record_ManyChanges_AllWrittenInChunks()
    {
        var users = Enumerable.Range(0, 2500).Select(i => $"user-{i:D5}").ToList();
        await Store.WriteAsync(Team(T0, [.. users.Select(u => User(u, [Pull("oura", "sleep", "scheduled")]))]));

        var written = await Store.WriteAsync(Team(T0.AddHours(1), [.. users.Select(u => User(u, [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]))]));

        Assert.Equal(5000, written!.Changes);
        await using var db = Store.Database.CreateContext();
        Assert.Equal(5000, await db.Transitions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Record_DatabaseDown_PausesThenResumesAndWrites()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "retrying")])));
        await BreakAsync();
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.Status.Changed += () =>
        {
            if (Store.Status.IsPaused)
            {
                paused.TrySetResult();
            }
        };
        var written = new TaskCompletionSource<ScanWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.Writer.Written += w => written.TrySetResult(w);

        Store.Writer.Record(new CompletedScan("test", T0, T0.AddHours(1), 1, () => Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")]))));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(Store.Status.IsPaused);
        Assert.False(string.IsNullOrWhiteSpace(Store.Status.Reason));
        Assert.Equal(T0, Store.Status.PausedSince);
        await RepairAsync();
        while (!written.Task.IsCompleted)
        {
            Store.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(written.Task, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.Equal(1, (await written.Task).Changes);
        Assert.False(Store.Status.IsPaused);
        Assert.Null(Store.Status.Reason);
    }

    [Fact]
    public async Task ProblemChanges_AppearedAndCleared_WarningsAndCriticalsOnly()
    {
        await Store.WriteAsync(Team(T0,
            User("u1", [Pull("oura", "sleep", "retrying")], [Retrying("oura", "sleep")]),
            User("u2", [Pull("garmin", "activity", "scheduled")], [InProgress("garmin", "activity")])));
        await Store.WriteAsync(Team(T0.AddHours(1),
            User("u1", [Pull("oura", "sleep", "success")]),
            User("u2", [Pull("garmin", "activity", "failure")], [Failed("garmin", "activity")])));

        var result = await Store.Reader.GetProblemChangesAsync("test", new ChangesFilter { Since = T0 }, TestContext.Current.CancellationToken);

        Assert.False(result.Truncated);
        Assert.Equal(T0, result.HistoryStart);
        Assert.Equal(2, result.Changes.Count);
        Assert.Contains(new ProblemChange(T0.AddHours(1), "u2", "garmin", "activity", "pull_failed", "critical", Appeared: true), result.Changes);
        Assert.Contains(new ProblemChange(T0.AddHours(1), "u1", "oura", "sleep", "pull_retrying", "warning", Appeared: false), result.Changes);
    }

    [Fact]
    public async Task ProblemChanges_Filters_ByDirectionProviderCodeAndTime()
    {
        await Store.WriteAsync(Team(T0, User("u1")));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));
        await Store.WriteAsync(Team(T0.AddHours(2), User("u1", [Pull("oura", "sleep", "retrying"), Pull("garmin", "activity", "failure")], [Retrying("oura", "sleep"), Failed("garmin", "activity")])));
        var all = new ChangesFilter { Since = T0 };

        var appeared = await Read(all with { Direction = ChangeDirection.Appeared });
        var cleared = await Read(all with { Direction = ChangeDirection.Cleared });
        var garmin = await Read(all with { Providers = ["garmin"] });
        var failed = await Read(all with { Codes = ["pull_failed"] });
        var recent = await Read(all with { Since = T0.AddHours(2) });
        var one = await Store.Reader.GetProblemChangesAsync("test", all with { Limit = 1 }, TestContext.Current.CancellationToken);
        var otherTeam = await Store.Reader.GetProblemChangesAsync("other", all, TestContext.Current.CancellationToken);

        Assert.Equal(3, appeared.Count);
        Assert.Equal(("u1", "pull_failed", "oura"), Single(cleared));
        Assert.Equal(("u1", "pull_failed", "garmin"), Single(garmin));
        Assert.Equal(3, failed.Count);
        Assert.Equal(3, recent.Count);
        Assert.True(one.Truncated);
        Assert.Equal(T0.AddHours(2), Assert.Single(one.Changes).SeenAt);
        Assert.Empty(otherTeam.Changes);
        Assert.Null(otherTeam.HistoryStart);

        async Task<IReadOnlyList<ProblemChange>> Read(ChangesFilter filter) =>
            (await Store.Reader.GetProblemChangesAsync("test", filter, TestContext.Current.CancellationToken)).Changes;

        static (string, string, string?) Single(IReadOnlyList<ProblemChange> changes) =>
            Assert.Single(changes) is var c ? (c.UserId, c.Code, c.Provider) : default;
    }

    [Fact]
    public async Task UserHistory_PullRetriesThenFails_ChangesInOrderWithSinceAndWhatCameBefore()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "scheduled")], [InProgress("oura", "sleep")]), User("u2")));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "retrying")], [Retrying("oura", "sleep")]), User("u2")));
        await Store.WriteAsync(Team(T0.AddHours(3), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]), User("u2", [Pull("garmin", "activity", "failure")])));

        var history = await Store.Reader.GetUserHistoryAsync("test", "u1", 100, TestContext.Current.CancellationToken);

        Assert.Equal(T0, history.HistoryStart);
        Assert.False(history.Truncated);
        Assert.DoesNotContain(history.Items, i => i.Provider == "garmin");
        var pull = Assert.Single(history.Pulls);
        Assert.Equal(("oura", "sleep", (string?)null), (pull.Provider, pull.Resource, pull.Code));
        Assert.Equal([new ItemChange(T0.AddHours(1), "scheduled", "retrying"), new ItemChange(T0.AddHours(3), "retrying", "failure")], pull.Changes);
        Assert.Equal(("failure", T0.AddHours(3), "retrying"), (pull.Current, pull.Since, pull.Previous));
        Assert.Equal(TimeSpan.FromHours(2), pull.PreviousLasted);
        Assert.Null(pull.FirstSeen);
        Assert.Equal(T0.AddHours(3), history.Finding("pull_failed", "oura", "sleep")!.FirstSeen);
        var retrying = history.Finding("pull_retrying", "oura", "sleep")!;
        Assert.Equal((null, T0.AddHours(3), "warning"), (retrying.Current, retrying.Since, retrying.Previous));
        Assert.Null(retrying.FirstSeen);
        Assert.Null(history.Finding("pull_failed", "garmin", "activity"));
    }

    [Fact]
    public async Task UserHistory_ProblemClearedAndBack_FirstSeenIsTheReturn()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "success")])));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));
        await Store.WriteAsync(Team(T0.AddHours(2), User("u1", [Pull("oura", "sleep", "success")])));
        await Store.WriteAsync(Team(T0.AddHours(5), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));

        var history = await Store.Reader.GetUserHistoryAsync("test", "u1", 100, TestContext.Current.CancellationToken);
        var newest = await Store.Reader.GetUserHistoryAsync("test", "u1", 2, TestContext.Current.CancellationToken);

        var failed = history.Finding("pull_failed", "oura", "sleep")!;
        Assert.Equal(3, failed.Changes.Count);
        Assert.Equal(T0.AddHours(5), failed.FirstSeen);
        Assert.Null(failed.PreviousLasted);
        Assert.Equal(TimeSpan.FromHours(3), Assert.Single(history.Pulls).PreviousLasted);
        Assert.True(newest.Truncated);
        Assert.Equal(2, newest.Items.Sum(i => i.Changes.Count));
        Assert.All(newest.Items, i => Assert.Equal(T0.AddHours(5), i.Since));
    }

    [Fact]
    public async Task UserHistory_UnknownUserOrOtherTeam_NothingAndTheirStart()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "success")])));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")])));

        var unknown = await Store.Reader.GetUserHistoryAsync("test", "nobody", 100, TestContext.Current.CancellationToken);
        var otherTeam = await Store.Reader.GetUserHistoryAsync("other", "u1", 100, TestContext.Current.CancellationToken);

        Assert.Empty(unknown.Items);
        Assert.Equal(T0, unknown.HistoryStart);
        Assert.Empty(otherTeam.Items);
        Assert.Null(otherTeam.HistoryStart);
    }

    [Fact]
    public async Task ProviderTrends_ScansOverDays_LastScanOfEachDayAndScheduledToEndedTimes()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "success")]), User("u2", [Pull("oura", "sleep", "success")])));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "scheduled")]), User("u2", [Pull("oura", "sleep", "scheduled")])));
        await Store.WriteAsync(Team(T0.AddHours(3), User("u1", [Pull("oura", "sleep", "in_progress")]), User("u2", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")])));
        await Store.WriteAsync(Team(T0.AddDays(1), User("u1", [Pull("oura", "sleep", "success")]), User("u2", [Pull("oura", "sleep", "failure"), Pull("garmin", "activity", "success")], [Failed("oura", "sleep")])));

        var trends = await Store.Reader.GetProviderTrendsAsync("test", "oura", T0.AddHours(-1), TestContext.Current.CancellationToken);
        var recent = await Store.Reader.GetProviderTrendsAsync("test", "oura", T0.AddHours(12), TestContext.Current.CancellationToken);
        var garmin = await Store.Reader.GetProviderTrendsAsync("test", "garmin", T0.AddHours(-1), TestContext.Current.CancellationToken);

        Assert.Equal(T0, trends.HistoryStart);
        Assert.Equal([DateOnly.FromDateTime(T0.UtcDateTime), DateOnly.FromDateTime(T0.AddDays(1).UtcDateTime)], trends.Days.Select(d => d.Day));
        Assert.Equal(1, trends.Days[0].Statuses["in_progress"]);
        Assert.Equal(1, trends.Days[0].Statuses["failure"]);
        Assert.Equal(1, trends.Days[0].Findings["pull_failed"]);
        Assert.Equal(1, trends.Days[1].Statuses["success"]);
        var sleep = Assert.Single(trends.Durations);
        Assert.Equal(("sleep", 2), (sleep.Resource, sleep.Count));
        Assert.Equal(TimeSpan.FromHours(2), sleep.Median);
        Assert.Equal(TimeSpan.FromHours(23), sleep.P95);
        Assert.Single(recent.Days);
        Assert.Empty(recent.Durations);
        Assert.Empty(garmin.Days[0].Statuses);
        Assert.Equal(1, garmin.Days[1].Statuses["success"]);
        Assert.Empty(garmin.Durations);
    }

    [Fact]
    public async Task SimulatedWeek_ScansEverySixHours_ChangesHistoryAndTrendsShowExactlyWhatHappened()
    {
        // u1: scheduled at 6 h, running, retrying, failed at 24 h, scheduled again at 72 h, succeeded at 78 h.
        // u2: succeeded all week. u3: scheduled before the history, done at 6 h; scheduled at 72 h, done at 84 h.
        var monday = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        static string U1(int h) => h switch { < 6 => "success", < 12 => "scheduled", < 18 => "in_progress", < 24 => "retrying", < 72 => "failure", < 78 => "scheduled", _ => "success" };
        static string U3(int h) => h is < 6 or (>= 72 and < 84) ? "scheduled" : "success";
        static FindingState[] Findings(string status) => status switch
        {
            "failure" => [Failed("oura", "sleep")],
            "retrying" => [Retrying("oura", "sleep")],
            "scheduled" or "in_progress" => [InProgress("oura", "sleep")],
            _ => [],
        };
        for (var h = 0; h < 7 * 24; h += 6)
        {
            await Store.WriteAsync(Team(monday.AddHours(h),
                User("u1", [Pull("oura", "sleep", U1(h))], Findings(U1(h))),
                User("u2", [Pull("oura", "sleep", "success")]),
                User("u3", [Pull("oura", "sleep", U3(h))], Findings(U3(h)))));
        }

        var changes = await Store.Reader.GetProblemChangesAsync("test", new ChangesFilter { Since = monday }, TestContext.Current.CancellationToken);
        var u1 = await Store.Reader.GetUserHistoryAsync("test", "u1", 100, TestContext.Current.CancellationToken);
        var u2 = await Store.Reader.GetUserHistoryAsync("test", "u2", 100, TestContext.Current.CancellationToken);
        var trends = await Store.Reader.GetProviderTrendsAsync("test", "oura", monday, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new ProblemChange(monday.AddHours(72), "u1", "oura", "sleep", "pull_failed", "critical", Appeared: false),
                new ProblemChange(monday.AddHours(24), "u1", "oura", "sleep", "pull_failed", "critical", Appeared: true),
                new ProblemChange(monday.AddHours(24), "u1", "oura", "sleep", "pull_retrying", "warning", Appeared: false),
                new ProblemChange(monday.AddHours(18), "u1", "oura", "sleep", "pull_retrying", "warning", Appeared: true),
            ],
            changes.Changes.OrderByDescending(c => c.SeenAt).ThenBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Appeared));
        Assert.Equal(
            ["success", "scheduled", "in_progress", "retrying", "failure", "scheduled", "success"],
            u1.Pulls.Single().Changes.Select(c => c.To).Prepend(u1.Pulls.Single().Changes[0].From));
        var pull = Assert.Single(u1.Pulls);
        Assert.Equal(("success", monday.AddHours(78), "scheduled", TimeSpan.FromHours(6)), (pull.Current, pull.Since, pull.Previous, pull.PreviousLasted));
        Assert.Equal(TimeSpan.FromHours(48), pull.Changes[4].SeenAt - pull.Changes[3].SeenAt);
        Assert.Empty(u2.Items);
        Assert.Equal(7, trends.Days.Count);
        Assert.Equal([0, 1, 1, 0, 0, 0, 0], trends.Days.Select(d => d.Statuses.GetValueOrDefault("failure")));
        Assert.Equal([1, 0, 0, 0, 0, 0, 0], trends.Days.Select(d => d.Statuses.GetValueOrDefault("retrying")));
        Assert.Equal([3, 3, 3, 3, 3, 3, 3], trends.Days.Select(d => d.Statuses.Values.Sum()));
        Assert.Equal([new ResourceDurations("sleep", 3, TimeSpan.FromHours(12), TimeSpan.FromHours(18))], trends.Durations);
    }

    [Fact]
    public async Task Retention_OldChangesAndScansGo_LatestStateStays()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "retrying")])));
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")])));
        await Store.WriteAsync(Team(T0.AddDays(50), User("u1", [Pull("oura", "sleep", "success")])));
        Store.Time.SetUtcNow(T0.AddDays(91));

        var (transitions, scans) = await Store.Retention.PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, transitions);
        Assert.Equal(2, scans);
        await using var db = Store.Database.CreateContext();
        var kept = await db.Scans.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(T0.AddDays(50), kept.CompletedAt);
        Assert.Equal(1, await db.Transitions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(kept.Id, (await Store.Reader.LoadLatestStateAsync("test", TestContext.Current.CancellationToken))!.ScanId);
    }

    [Fact]
    public async Task Retention_LatestStateOlderThanRetention_StateAndItsScanKept()
    {
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "retrying")])));
        Store.Time.SetUtcNow(T0.AddDays(200));

        await Store.Retention.PruneAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(await Store.Reader.LoadLatestStateAsync("test", TestContext.Current.CancellationToken));
    }

    /// <summary>A second, empty database (and a second handle on it), for tests that must start from nothing.</summary>
    internal abstract Task<(StoreDatabase Database, StoreDatabase Second, Func<Task> Drop)> CreateOtherDatabaseAsync();
}
