using System.Collections.Concurrent;
using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class TeamSnapshotServiceTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeTeamScanner _scanner = new();

    /// <summary>What the discovery walk after a per-provider scan sees: nobody, unless a test says otherwise.</summary>
    private readonly WalkClient _walk = new();
    private readonly ProviderDiscovery _discovery = new();
    private readonly TeamSnapshotService _service;
    private readonly EventLog _log = new();
    private int _changes;

    public TeamSnapshotServiceTests()
    {
        _service = new TeamSnapshotService(
            _scanner,
            new SequentialTeamScanner(_walk, Options.Create(new VitalOptions()), new ScanResumer(Options.Create(new VitalOptions()), _time, NullLogger<ScanResumer>.Instance), _time),
            _discovery,
            Engine,
            SingleReplicaLease.Instance,
            Options.Create(new VitalOptions { CacheSeconds = 60 }),
            _time,
            _log);
        _service.Changed += () => Interlocked.Increment(ref _changes);
    }

    public void Dispose() => _service.Dispose();

    private int Changes => Volatile.Read(ref _changes);

    private static UserHistoricalPulls Member(int n, string status = "success", string provider = "oura") => User(n).Pull(provider, "sleep", status);

    /// <summary>
    /// Runs <paramref name="act"/>, if any, then waits (on the service's own notifications, not on a clock) until the
    /// condition holds. With an action only a notification after it counts; without one the condition may hold already.
    /// </summary>
    private async Task UntilAsync(Func<bool> condition, Action? act = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
            {
                reached.TrySetResult();
            }
        }

        _service.Changed += Check;
        try
        {
            if (act is null)
            {
                Check();
            }
            else
            {
                act();
            }

            await reached.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
        finally
        {
            _service.Changed -= Check;
        }
    }

    /// <summary>
    /// Ends the running scan and waits until the service has published its result. (A snapshot reads as complete a
    /// moment before that; a refresh asked for in between is ignored, as one scan is still running.)
    /// </summary>
    private Task PublishAsync(Action end) => UntilAsync(() => _service.Current.IsComplete && _service.Refreshing is null, end);

    /// <summary>A first scan that finished with these users, at the fake clock's time.</summary>
    private async Task<TeamSnapshot> FirstScanAsync(params UserHistoricalPulls[] users)
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(_time.GetUtcNow(), null, users);
        await PublishAsync(_scanner.Finish);
        return _service.Current;
    }

    [Fact]
    public void Current_BeforeAnyScan_NotStarted()
    {
        Assert.False(_service.Current.HasStarted);
        Assert.Null(_service.Refreshing);
        Assert.Equal(0, _scanner.Scans);
    }

    [Fact]
    public async Task FirstScan_PublishesUsersPageByPageThenCompletes()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        var scanning = _service.Current;
        Assert.Equal(1, scanning.Generation);
        Assert.False(scanning.IsComplete);
        Assert.Null(_service.Refreshing);

        await _scanner.SendAsync(Now, null, Member(1), Member(2));
        Assert.Equal(2, _service.Current.Count);
        Assert.Equal(new ScanProgress(1, 2, 0, 1), _service.Current.Progress);

        await _scanner.SendAsync(Now, null, Member(3));
        Assert.Equal(3, _service.Current.Count);
        Assert.False(_service.Current.IsComplete);

        _time.Advance(TimeSpan.FromSeconds(2));
        _scanner.Finish();
        var done = await _service.WhenCompleteAsync(TestContext.Current.CancellationToken);

        Assert.Same(scanning, done);
        Assert.Equal(Now.AddSeconds(2), done.CompletedAt);
        Assert.Equal(new ScanProgress(2, 3, 1, 1), done.Progress);
        Assert.Null(done.Error);
    }

    [Fact]
    public async Task EnsureFresh_YoungerThanCacheSeconds_NoNewScan_OlderStartsARefresh()
    {
        var first = await FirstScanAsync(Member(1));

        _time.Advance(TimeSpan.FromSeconds(60));
        _service.EnsureFresh();
        Assert.Equal(1, _scanner.Scans);
        Assert.Null(_service.Refreshing);

        _time.Advance(TimeSpan.FromSeconds(1));
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();

        Assert.Equal(2, _scanner.Scans);
        Assert.Same(first, _service.Current);
        Assert.Equal(2, _service.Refreshing!.Generation);
    }

    [Fact]
    public async Task Refresh_OldSnapshotShownUntilTheNewOneIsComplete()
    {
        var first = await FirstScanAsync(Member(1), Member(2));
        _time.Advance(TimeSpan.FromSeconds(60));

        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(_time.GetUtcNow(), null, Member(1, "failure"));

        Assert.Same(first, _service.Current);
        Assert.Equal(1, _service.Refreshing!.Count);
        Assert.Equal(1, _service.Refreshing.Progress.Users);

        await _scanner.SendAsync(_time.GetUtcNow(), null, Member(2), Member(3));
        await PublishAsync(_scanner.Finish);

        Assert.Equal(2, _service.Current.Generation);
        Assert.Equal(3, _service.Current.Count);
        Assert.Equal("failure", _service.Current.Users[0].WorstStatus?.Value);
        Assert.Null(_service.LastRefreshError);
    }

    [Fact]
    public async Task Refresh_SoonerThanCacheSecondsAfterTheLastScan_StartsNothingAndSaysUntilWhen()
    {
        var first = await FirstScanAsync(Member(1));

        _time.Advance(TimeSpan.FromSeconds(59));
        _service.Refresh();
        _service.Refresh();

        Assert.Equal(1, _scanner.Scans);
        Assert.Null(_service.Refreshing);
        Assert.Equal(first.CompletedAt!.Value.AddSeconds(60), _service.RefreshAllowedAt);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_service.RefreshAllowedAt);
        _service.Refresh();
        await _scanner.WhenStartedAsync();

        Assert.Equal(2, _scanner.Scans);
    }

    [Fact]
    public async Task Refresh_AfterAFailedRefresh_WaitsFifteenSeconds()
    {
        await FirstScanAsync(Member(1));
        _time.Advance(TimeSpan.FromSeconds(60));
        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await PublishAsync(() => _scanner.Fail(new VitalApiException(VitalErrorKind.RateLimited, "Vital is limiting how fast the dashboard may ask.")));

        _time.Advance(TimeSpan.FromSeconds(14));
        _service.Refresh();
        Assert.Equal(2, _scanner.Scans);

        _time.Advance(TimeSpan.FromSeconds(1));
        _service.Refresh();
        await _scanner.WhenStartedAsync();
        Assert.Equal(3, _scanner.Scans);
    }

    [Fact]
    public async Task Refresh_WalkOutOfPatience_PublishedIncompleteKeepingWhatTheUnreadProviderShowedAndTheNextScanClearsIt()
    {
        var garmin = new ProviderSlug("garmin");
        await FirstScanAsync(
            User(1).Pull("oura", "sleep", "success").Pull("garmin", "sleep", "failure"),
            User(2).Pull("garmin", "sleep", "success"),
            User(3).Pull("oura", "sleep", "success"),
            User(4).Pull("oura", "sleep", "success"));
        _time.Advance(TimeSpan.FromSeconds(60));

        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(_time.GetUtcNow(), new ProviderSlug("oura"), User(1).Pull("oura", "sleep", "success"), User(3).Pull("oura", "sleep", "retrying"));
        await _scanner.SendGapsAsync(_time.GetUtcNow(), new ScanGap(garmin, TeamWalk.Pulls, 0, VitalErrorKind.Unavailable, "Vital is unavailable."));
        await PublishAsync(_scanner.Finish);

        var incomplete = _service.Current;
        Assert.Equal(2, incomplete.Generation);
        Assert.True(incomplete.IsIncomplete);
        Assert.Null(incomplete.Error);
        Assert.Equal(garmin, Assert.Single(incomplete.Gaps).Provider);
        // Garmin could not be read: user 2 (garmin only) and user 1's garmin pull are kept as the last scan showed them;
        // oura was read, so user 3 is as read now and user 4, gone from oura's walk, has left the team.
        Assert.Equal(2, incomplete.CarriedOver);
        Assert.True(incomplete.TryGet(Id(1), out var both));
        Assert.Equal(["garmin", "oura"], both.Providers);
        Assert.Equal("failure", both.WorstStatusOf("garmin")?.Value);
        Assert.True(incomplete.TryGet(Id(2), out _));
        Assert.True(incomplete.TryGet(Id(3), out var three));
        Assert.Equal("retrying", three.WorstStatus?.Value);
        Assert.False(incomplete.TryGet(Id(4), out _));
        var logged = await _log.WhenLogged(2008).WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Contains("incomplete", logged, StringComparison.Ordinal);
        Assert.Contains("garmin's historical pulls", logged, StringComparison.Ordinal);

        // The next scan is due as soon as after a failure (past 15 seconds), not after Vital:CacheSeconds.
        _time.Advance(TimeSpan.FromSeconds(15));
        _service.EnsureFresh();
        Assert.Equal(2, _scanner.Scans);
        _time.Advance(TimeSpan.FromSeconds(1));
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        Assert.Same(incomplete, _service.Current);

        await _scanner.SendAsync(_time.GetUtcNow(), null, User(1).Pull("oura", "sleep", "success").Pull("garmin", "sleep", "success"), User(2).Pull("garmin", "sleep", "success"), User(3).Pull("oura", "sleep", "success"));
        await PublishAsync(_scanner.Finish);

        Assert.Equal(3, _service.Current.Generation);
        Assert.False(_service.Current.IsIncomplete);
        Assert.Empty(_service.Current.Gaps);
        Assert.Equal(0, _service.Current.CarriedOver);
        Assert.Equal(3, _service.Current.Count);
    }

    [Fact]
    public async Task FirstScan_WalkOutOfPatience_PublishedIncompleteWithWhatWasRead()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(Now, null, Member(1), Member(2));
        await _scanner.SendGapsAsync(Now, new ScanGap(null, TeamWalk.Pulls, 1, VitalErrorKind.MalformedResponse, "Vital sent a page that is not JSON."));
        await PublishAsync(_scanner.Finish);

        var snapshot = _service.Current;
        Assert.True(snapshot.IsIncomplete);
        Assert.Null(snapshot.Error);
        Assert.Equal(2, snapshot.Count);
        Assert.Equal(0, snapshot.CarriedOver);
        var notice = IncompleteScanNotice.Of(snapshot);
        Assert.NotNull(notice);
        Assert.Contains("the team's historical pulls could not be read to the end", notice.Message, StringComparison.Ordinal);
        Assert.Contains("Users only the unread pages hold are missing", notice.Message, StringComparison.Ordinal);
        Assert.Contains("The next scan tries again", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WhileOneRuns_Ignored()
    {
        _service.Refresh();
        await _scanner.WhenStartedAsync();

        _service.Refresh();
        _service.EnsureFresh();

        Assert.Equal(1, _scanner.Scans);
        Assert.Equal(1, _service.Current.Generation);
    }

    [Fact]
    public async Task FirstScan_UpstreamFailsPartWay_UsersKeptAndTheErrorInWords()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(Now, null, Member(1), Member(2));

        _scanner.Fail(new VitalApiException(VitalErrorKind.RateLimited, "Vital is limiting how fast the dashboard may ask."));
        var done = await _service.WhenCompleteAsync(TestContext.Current.CancellationToken);

        Assert.True(done.IsComplete);
        Assert.Equal("Vital is limiting how fast the dashboard may ask.", done.Error);
        Assert.Equal(2, done.Count);
        Assert.Same(done, _service.Current);
        Assert.Null(_service.LastRefreshError);
    }

    [Fact]
    public async Task FailedScan_TriedAgainOnlyAfterFifteenSeconds_AndTheNewScanIsShownAsItFills()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        await PublishAsync(() => _scanner.Fail(new VitalApiException(VitalErrorKind.Unavailable, "Vital is unavailable.")));

        _time.Advance(TimeSpan.FromSeconds(15));
        _service.EnsureFresh();
        Assert.Equal(1, _scanner.Scans);

        _time.Advance(TimeSpan.FromSeconds(1));
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();

        Assert.Equal(2, _service.Current.Generation);
        Assert.Null(_service.Current.Error);
        Assert.Null(_service.Refreshing);
        await _scanner.SendAsync(_time.GetUtcNow(), null, Member(1));
        Assert.Equal(1, _service.Current.Count);
    }

    [Fact]
    public async Task Refresh_UpstreamFails_EarlierSnapshotStaysAndTheErrorIsReported()
    {
        var first = await FirstScanAsync(Member(1));
        _time.Advance(TimeSpan.FromSeconds(60));

        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(_time.GetUtcNow(), null, Member(1, "failure"));
        await PublishAsync(() => _scanner.Fail(new VitalApiException(VitalErrorKind.Timeout, "Vital did not answer in time.")));
        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Same(first, _service.Current);
        Assert.Null(first.Error);
        Assert.Equal("Vital did not answer in time.", _service.LastRefreshError);

        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await PublishAsync(_scanner.Finish);

        Assert.Null(_service.LastRefreshError);
        Assert.Equal(3, _service.Current.Generation);
    }

    [Fact]
    public async Task Scan_InternalError_GenericMessageWithoutTheDetails()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();

        _scanner.Fail(new InvalidOperationException("connection string Password=hunter2"));
        var done = await _service.WhenCompleteAsync(TestContext.Current.CancellationToken);

        Assert.Contains("internal error", done.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerProviderScan_SameUserOnTwoPages_MergedIntoOneRow()
    {
        _scanner.ScopeCount = 2;
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();

        await _scanner.SendAsync(Now, ProviderSlug.Oura, Member(1, provider: "oura"), Member(2, provider: "oura"));
        _scanner.ScopeFinished(ProviderSlug.Oura);
        await _scanner.SendAsync(Now.AddSeconds(1), ProviderSlug.Fitbit, Member(1, "failure", provider: "fitbit"));

        Assert.Equal(2, _service.Current.Count);
        Assert.Equal(["fitbit", "oura"], _service.Current.Users[0].Providers);
        Assert.Equal("failure", _service.Current.Users[0].WorstStatus?.Value);
        Assert.Equal(Now, _service.Current.Users[0].AsOf);
        Assert.Equal(new ScanProgress(2, 2, 1, 2), _service.Current.Progress);
    }

    /// <summary>The figures the grid filters and sorts on, as a comparable value.</summary>
    private static object Figures(TeamUser user) =>
        (user.UserId, user.Overall, user.Headline, user.FindingMask, user.CriticalCount, user.WarningCount, user.InfoCount, user.IsDiagnosed);

    private async Task SendTwoProvidersAsync()
    {
        await _scanner.SendAsync(_time.GetUtcNow(), ProviderSlug.Oura, Member(1, "failure", provider: "oura"), Member(2, provider: "oura"), Member(3, "in_progress", provider: "oura"));
        _scanner.ScopeFinished(ProviderSlug.Oura);
        await _scanner.SendAsync(_time.GetUtcNow(), ProviderSlug.Fitbit, Member(2, "failure", provider: "fitbit"), Member(3, provider: "fitbit"), Member(4, "error", provider: "fitbit"));
    }

    [Fact]
    public async Task Refresh_UsersOnSeveralProviders_DiagnosedOnlyOnceTheLastProviderIsRead_AsTheShownScanDiagnosedThem()
    {
        _scanner.ScopeCount = 2;
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        await SendTwoProvidersAsync();
        Assert.All(_service.Current.Users, u => Assert.True(u.IsDiagnosed));
        await PublishAsync(_scanner.Finish);
        var shown = _service.Current.Users.Select(Figures).ToList();
        Assert.Contains(_service.Current.Users, u => u.Overall == Severity.Critical);

        _time.Advance(TimeSpan.FromSeconds(60));
        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await SendTwoProvidersAsync();

        // Not shown while it runs, so not diagnosed page by page.
        Assert.All(_service.Refreshing!.Users, u => Assert.False(u.IsDiagnosed));
        await PublishAsync(_scanner.Finish);

        Assert.Equal(2, _service.Current.Generation);
        Assert.Equal(shown, _service.Current.Users.Select(Figures));
    }

    /// <summary>
    /// A refresh starts behind a stored team and reads one page (its user not yet diagnosed: it is hidden); then the
    /// stored team's read ends without completing, so the refresh is what the page shows.
    /// </summary>
    private async Task RefreshBehindAStoredTeamThatFailsAsync()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 3)!;
        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(Now, null, Member(1, "failure"));
        Assert.False(_service.Refreshing!.Users[0].IsDiagnosed);
        _service.EndStored(stored, completedAt: null);
    }

    [Fact]
    public async Task StoredTeam_NotReadToItsEnd_TheRefreshBehindItShownFromItsNextPage_WithItsUsersDiagnosed()
    {
        await RefreshBehindAStoredTeamThatFailsAsync();
        await _scanner.SendAsync(Now, null, Member(2, "failure"));

        Assert.Equal(2, _service.Current.Count);
        Assert.All(_service.Current.Users, u =>
        {
            Assert.True(u.IsDiagnosed);
            Assert.Equal(Severity.Critical, u.Overall);
        });
    }

    [Fact]
    public async Task StoredTeam_NotReadToItsEnd_TheRefreshBehindItShownThenFailing_StaysShownWithItsUsersDiagnosed()
    {
        await RefreshBehindAStoredTeamThatFailsAsync();

        await UntilAsync(() => _service.Current.IsComplete, () => _scanner.Fail(new VitalApiException(VitalErrorKind.Timeout, "Vital did not answer in time.")));

        var user = Assert.Single(_service.Current.Users);
        Assert.True(user.IsDiagnosed);
        Assert.Equal(Severity.Critical, user.Overall);
    }

    [Fact]
    public async Task DiscoveryWalk_AUserOnAProviderTheScanDidNotAskAbout_TeamScannedAgain()
    {
        _walk.Users.Add(Member(1));
        _walk.Users.Add(Member(2, provider: "junction_ring"));

        var first = await FirstScanAsync(Member(1));
        await _scanner.WhenStartedAsync();

        Assert.Equal(2, _scanner.Scans);
        Assert.Same(first, _service.Current);
        Assert.NotNull(_service.Refreshing);
    }

    [Fact]
    public async Task FirstScan_AnEntryWithoutAUserId_LeftOutAndLogged()
    {
        UserHistoricalPulls nameless = User("").Pull("oura", "sleep", "failure");

        var done = await FirstScanAsync(Member(1), nameless, Member(2));

        Assert.Equal(2, done.Count);
        Assert.DoesNotContain(done.Users, u => u.UserId.Length == 0);
        Assert.Contains("1 entries without a user id", await _log.WhenLogged(2006).WaitAsync(Patience, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoveryWalk_OnlyUsersNoProviderWalkCouldFind_NoRescan()
    {
        // In the plain walk only: an entry without an id (the spec's example has one), and a user without providers.
        _walk.Users.Add(Member(1));
        _walk.Users.Add(User("").Pull("oura", "sleep", "success"));
        _walk.Users.Add(User(3));

        var first = await FirstScanAsync(Member(1));
        var discovery = await _log.WhenLogged(2005).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Contains("users the scan missed 0, rescan False", discovery, StringComparison.Ordinal);
        Assert.Equal(1, _scanner.Scans);
        Assert.Null(_service.Refreshing);
        Assert.Same(first, _service.Current);
    }

    [Fact]
    public async Task Changed_ManyPagesAtOnce_AtMostOneNotificationPer300MillisecondsAndTheLastOneIsNeverLost()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        var afterStart = Changes;
        Assert.Equal(1, afterStart);

        await _scanner.SendAsync(Now, null, Member(1));
        await _scanner.SendAsync(Now, null, Member(2));
        await _scanner.SendAsync(Now, null, Member(3));
        _time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.Equal(afterStart, Changes);

        // The next page is slow: the pages already in are told at the end of the window, once.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(afterStart + 1, Changes);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(afterStart + 1, Changes);

        await _scanner.SendAsync(Now, null, Member(4));
        Assert.Equal(afterStart + 2, Changes);

        await PublishAsync(_scanner.Finish);
        Assert.Equal(afterStart + 3, Changes);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(afterStart + 3, Changes);
    }

    [Fact]
    public async Task Changed_AListenerThrows_TheOthersAreStillTold()
    {
        _service.Changed += () => throw new InvalidOperationException("a circuit went away");
        var told = 0;
        _service.Changed += () => Interlocked.Increment(ref told);

        await FirstScanAsync(Member(1));

        await UntilAsync(() => Volatile.Read(ref told) >= 2);
        Assert.Equal(1, _service.Current.Count);
    }

    [Fact]
    public void StoredTeam_ReadToItsEnd_ItsProvidersSizesOrderTheFirstScan_WhichSendsNoSample()
    {
        Assert.False(_discovery.HasSizes);
        var stored = _service.BeginStored(StoredAt, storedUsers: 3)!;
        Load(stored, 1);
        Load(stored, 2, LastListed);
        Load(stored, 3, LastListed);

        _service.EndStored(stored, StoredAt);

        // The scanner sends its sample only while no size is known (PerProviderTeamScanner).
        Assert.True(_discovery.HasSizes);
        Assert.Equal([LastListed, "oura"], _discovery.ScanList().Take(2).Select(p => p.Value));
    }

    [Fact]
    public void StoredTeam_NotReadToItsEnd_RecordsNoSizes()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 3)!;
        Load(stored, 1, LastListed);

        _service.EndStored(stored, completedAt: null);

        Assert.False(_discovery.HasSizes);
    }

    [Fact]
    public async Task StoredTeam_EndingAfterAScanOfThisRun_LeavesThatScansSizes()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 3)!;
        _service.Refresh();
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(Now, null, Member(5));
        await PublishAsync(_scanner.Finish);

        // Older and larger: taken, it would put its provider first.
        Load(stored, 1, LastListed);
        Load(stored, 2, LastListed);
        Load(stored, 3, LastListed);
        _service.EndStored(stored, StoredAt);

        Assert.Equal("oura", _discovery.ScanList()[0].Value);
    }

    [Fact]
    public void PublishedTeam_Shown_ItsProvidersSizesOrderThisReplicasNextScan()
    {
        _discovery.RecordSizes(new Dictionary<string, int> { ["oura"] = 10 });

        var shown = _service.ShowPublished(generation =>
        {
            var published = new TeamSnapshot(generation, StoredAt);
            published.Upsert(StoredUser(1, LastListed));
            published.Upsert(StoredUser(2, LastListed));
            published.Upsert(StoredUser(3));
            published.Complete(StoredAt);
            return published;
        });

        Assert.True(shown);
        Assert.Equal([LastListed, "oura"], _discovery.ScanList().Take(2).Select(p => p.Value));
    }

    private static readonly DateTimeOffset StoredAt = Now.AddHours(-2);

    /// <summary>The provider the spec lists last: first in a scan only by its size.</summary>
    private static readonly string LastListed = ProviderSlug.Known.Last().Value;

    /// <summary>A stored user as the restorer adds it (the snapshot's single writer), then its report to the pages.</summary>
    private void Load(TeamSnapshot stored, int n, string provider = "oura")
    {
        stored.Upsert(StoredUser(n, provider));
        _service.ReportStored();
    }

    /// <summary>A user as a stored (or published) team holds it.</summary>
    private static TeamUser StoredUser(int n, string provider = "oura") =>
        TeamUser.Create(Member(n, provider: provider), Engine, StoredAt, new StringPool());

    [Fact]
    public async Task StoredTeam_ShownAsItsUsersAreRead_TheTeamOnceReadToItsEnd_AndALookMeanwhileScansAfterIt()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 2)!;
        Assert.Same(stored, _service.Current);
        Assert.True(stored.IsLoadingStored);
        Assert.Equal(2, stored.StoredUsers);
        Assert.Equal(0, stored.Count);

        // A look while it loads neither scans (the load has the cores) nor gets a half-read team.
        var waiting = _service.WhenCompleteAsync(TestContext.Current.CancellationToken);
        Load(stored, 1);
        Assert.Equal(1, _service.Current.Count);
        Assert.False(waiting.IsCompleted);
        Assert.Null(_service.Refreshing);
        Assert.Equal(0, _scanner.Scans);

        Load(stored, 2);
        _service.EndStored(stored, StoredAt);

        Assert.Same(stored, await waiting);
        Assert.False(stored.IsLoadingStored);
        Assert.Equal(StoredAt, stored.CompletedAt);
        await _scanner.WhenStartedAsync();
        Assert.Same(stored, _service.Current);
        Assert.NotNull(_service.Refreshing);
    }

    [Fact]
    public async Task StoredTeam_NotReadToItsEnd_NeverShownAsTheTeam_AndAPageWaitingForTheTeamGetsAScan()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 3)!;
        var waiting = _service.WhenCompleteAsync(TestContext.Current.CancellationToken);
        Load(stored, 1);

        _service.EndStored(stored, completedAt: null);

        Assert.False(stored.IsComplete);
        Assert.NotSame(stored, _service.Current);
        await _scanner.WhenStartedAsync();
        await _scanner.SendAsync(Now, null, Member(7));
        _scanner.Finish();
        var team = await waiting;
        Assert.Equal([Id(7)], team.Users.Select(u => u.UserId));
    }

    [Fact]
    public void StoredTeam_NotReadToItsEnd_NobodyLooked_NothingShownAndNothingScanned()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 3)!;
        Load(stored, 1);

        _service.EndStored(stored, completedAt: null);

        Assert.False(_service.Current.HasStarted);
        Assert.Equal(0, _scanner.Scans);
    }

    [Fact]
    public async Task StoredTeam_FirstScanAlreadyRunning_GoesOnBehindItAndReplacesItWhenDone()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();
        var scanning = _service.Current;

        var stored = _service.BeginStored(StoredAt, storedUsers: 2)!;
        Assert.Same(stored, _service.Current);
        Assert.Same(scanning, _service.Refreshing);

        var waiting = _service.WhenCompleteAsync(TestContext.Current.CancellationToken);
        await _scanner.SendAsync(Now, null, Member(5));
        await PublishAsync(_scanner.Finish);
        Assert.Same(scanning, await waiting);

        // The load ends after the scan: the scan's team stays.
        Load(stored, 1);
        _service.EndStored(stored, StoredAt);
        Assert.Same(scanning, _service.Current);
    }

    [Fact]
    public async Task StoredTeam_RefreshWhileItLoads_ScansBehindIt_AndAFailedScanLeavesItShown()
    {
        var stored = _service.BeginStored(StoredAt, storedUsers: 1)!;
        _service.Refresh();
        await _scanner.WhenStartedAsync();
        Assert.Same(stored, _service.Current);
        Assert.NotNull(_service.Refreshing);

        var waiting = _service.WhenCompleteAsync(TestContext.Current.CancellationToken);
        await UntilAsync(() => _service.Refreshing is null, () => _scanner.Fail(new VitalApiException(VitalErrorKind.Timeout, "Vital did not answer in time.")));
        Assert.Same(stored, _service.Current);
        // The failed scan's end is no answer: a half-read team would be taken for the whole one (given time to go wrong).
        await Task.WhenAny(waiting, Task.Delay(200, TestContext.Current.CancellationToken));
        Assert.False(waiting.IsCompleted);

        Load(stored, 1);
        _service.EndStored(stored, StoredAt);
        Assert.Same(stored, await waiting);
        Assert.Equal("Vital did not answer in time.", _service.LastRefreshError);
    }

    [Fact]
    public async Task StoredTeam_AfterAScanOfThisRunCompleted_Refused()
    {
        await FirstScanAsync(Member(1));

        Assert.Null(_service.BeginStored(StoredAt, storedUsers: 5));
        Assert.False(_service.Current.IsLoadingStored);
    }

    [Fact]
    public async Task WhenCompleteAsync_NothingStarted_StartsAScanAndWaitsForIt()
    {
        var waiting = _service.WhenCompleteAsync(TestContext.Current.CancellationToken);
        await _scanner.WhenStartedAsync();
        Assert.False(waiting.IsCompleted);

        await _scanner.SendAsync(Now, null, Member(1));
        _scanner.Finish();

        Assert.Equal(1, (await waiting).Count);
    }

    [Fact]
    public async Task WhenFirstUsersAsync_FirstPageArrives_ReturnsBeforeTheScanEnds()
    {
        var waiting = _service.WhenFirstUsersAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await _scanner.WhenStartedAsync();
        Assert.False(waiting.IsCompleted);

        await _scanner.SendAsync(Now, null, Member(1));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        await waiting.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.False(_service.Current.IsComplete);
        Assert.Equal(1, _service.Current.Count);
    }

    [Fact]
    public async Task WhenFirstUsersAsync_NobodyWithinThePatience_ReturnsSoThePageShowsItsProgress()
    {
        var waiting = _service.WhenFirstUsersAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await _scanner.WhenStartedAsync();

        _time.Advance(TimeSpan.FromSeconds(2));
        await waiting.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(0, _service.Current.Count);
        Assert.False(_service.Current.IsComplete);
    }

    [Fact]
    public async Task Dispose_StopsTheRunningScanAndRefusesNewOnes()
    {
        _service.EnsureFresh();
        await _scanner.WhenStartedAsync();

        _service.Dispose();
        _service.Dispose();
        _service.Refresh();

        Assert.Equal(1, _scanner.Scans);
        Assert.False(_service.Current.IsComplete);
    }

    /// <summary>The plain cursor walk's upstream: one page with the users a test puts here.</summary>
    private sealed class WalkClient : VitalClientStub
    {
        public List<UserHistoricalPulls> Users { get; } = [];

        public override async IAsyncEnumerable<HistoricalPullPage> GetPagesAsync(
            ProviderSlug? provider = null,
            int? userLimit = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new HistoricalPullPage { Users = [.. Users] };
        }
    }

    /// <summary>The service's log by event id: a test waits for an event instead of a clock.</summary>
    private sealed class EventLog : ILogger<TeamSnapshotService>
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _events = new();

        public Task<string> WhenLogged(int eventId) => Event(eventId).Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Event(eventId.Id).TrySetResult(formatter(state, exception));

        private TaskCompletionSource<string> Event(int id) =>
            _events.GetOrAdd(id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
