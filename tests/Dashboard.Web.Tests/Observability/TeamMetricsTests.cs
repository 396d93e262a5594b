using System.Diagnostics.Metrics;
using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Observability;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Observability;

/// <summary>The team gauges, observed from the snapshot the grid shows and the scan that runs, never pushed by the scan.</summary>
public sealed class TeamMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTeamSnapshots _snapshots = new();
    private readonly FakeScanLease _lease = new();
    private readonly DashboardMetrics _metrics;

    private readonly ScanResumer _resumer = new(Options.Create(new VitalOptions()), TimeProvider.System, NullLogger<ScanResumer>.Instance);

    public TeamMetricsTests() =>
        _metrics = new DashboardMetrics(_services.GetRequiredService<IMeterFactory>(), _snapshots, new UpstreamCircuitState(), _resumer, _lease);

    [Fact]
    public void TeamGauges_CompleteSnapshot_CountUsersPullsAndFindings()
    {
        _snapshots.Current = TestSnapshots.Complete(
            User(1).Pull("oura", "sleep", "success").Pull("oura", "workouts", "failure").Pull("garmin", "sleep", "success"),
            User(2).Pull("oura", "sleep", "retrying"),
            User(3).NotPulled("garmin", "sleep"));

        Assert.Equal(3, Single<int>(DashboardTelemetry.TeamUsers));
        Assert.Equal(
            ["garmin/none=1", "garmin/success=1", "oura/failure=1", "oura/retrying=1"],
            Observe<int>(DashboardTelemetry.TeamProviderUsers).Select(m => $"{m.Tags["provider"]}/{m.Tags["status"]}={m.Value}").Order());
        Assert.Equal(
            ["garmin/success=1", "oura/failure=1", "oura/retrying=1", "oura/success=1"],
            Observe<int>(DashboardTelemetry.TeamPulls).Select(m => $"{m.Tags["provider"]}/{m.Tags["status"]}={m.Value}").Order());
        Assert.Equal(
            ["no_pull_data/warning=1", "pull_failed/critical=1", "pull_retrying/warning=1", "resources_not_pulled/warning=1"],
            Observe<int>(DashboardTelemetry.TeamFindings).Select(m => $"{m.Tags["code"]}/{m.Tags["severity"]}={m.Value}").Order());
    }

    [Fact]
    public async Task ScanResumes_AWalkAsksAgainForAFailedPage_CountedByWalkAndErrorTypeWithoutIds()
    {
        using var collector = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, DashboardTelemetry.ScanResumes);
        var asked = 0;
        Task<string?> Read(string? cursor, CancellationToken ct) => Interlocked.Increment(ref asked) == 1
            ? throw new VitalApiException(VitalErrorKind.Timeout, "Vital did not answer in time.")
            : Task.FromResult<string?>(Id(1));

        // The first back-off (a second) passes on the real clock.
        await foreach (var page in _resumer.WalkAsync(new ScanGaps(), TeamWalk.Resources, new ProviderSlug("oura"), Read, static _ => null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(Id(1), page);
        }

        var resumed = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal(1, resumed.Value);
        Assert.Equal(
            ["error.type=Timeout", "walk=resources"],
            resumed.Tags.Select(t => $"{t.Key}={t.Value}").Order());
    }

    [Fact]
    public void ScanIncomplete_ShownSnapshotGaveUpOnAWalk_OneAndTheScanOutcomeIsIncomplete()
    {
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success"));
        Assert.Equal(0, Single<int>(DashboardTelemetry.ScanIncomplete));

        var incomplete = TestSnapshots.Scanning(User(1).Pull("oura", "sleep", "success"));
        incomplete.CompleteIncomplete(Now, [new ScanGap(new ProviderSlug("garmin"), TeamWalk.Pulls, 2, VitalErrorKind.Unavailable, "Vital is unavailable.")], carriedOver: 0);
        _snapshots.Current = incomplete;

        Assert.Equal(1, Single<int>(DashboardTelemetry.ScanIncomplete));
        var result = TeamScanResult.Of(incomplete, TimeSpan.Zero);
        Assert.Equal((TeamScanResult.Incomplete, "Unavailable"), (result.Outcome, result.ErrorType));
    }

    [Fact]
    public void TeamGauges_FindingCodes_AreOnesTheDiagnosisKnows()
    {
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "mystery"), User(2).Pull("oura", "sleep", "success", daysWithData: 0));

        Assert.All(Observe<int>(DashboardTelemetry.TeamFindings), m => Assert.Contains((string)m.Tags["code"]!, FindingCodes.All));
    }

    [Theory]
    [InlineData("7aec8422-8174-4464-a4b2-b04c5939be0d")]
    [InlineData("aec84228174a4464a4b2b04c5939be0d")]
    [InlineData("Oura Ring")]
    [InlineData("oura;drop")]
    public void TeamGauges_UpstreamWordsNotShapedLikeWords_AreCountedAsOther(string word)
    {
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull(word, "sleep", word));

        var pulls = Assert.Single(Observe<int>(DashboardTelemetry.TeamPulls));
        Assert.Equal("other", pulls.Tags["provider"]);
        Assert.Equal("other", pulls.Tags["status"]);
    }

    [Fact]
    public void TeamGauges_PullsOfSeveralLabelsOnOnePoint_AddUp()
    {
        _snapshots.Current = TestSnapshots.Complete(
            User(1).Pull("Oura Ring", "sleep", "Done!"),
            User(2).Pull("oura;drop", "sleep", "7aec8422-8174-4464-a4b2-b04c5939be0d"),
            User(3).Pull("oura", "sleep", "success").Pull("oura", "workouts", "success"));

        // Pulls are counted by label (provider, resource, status, error, release) first: two labels, one point.
        Assert.Equal(
            ["other/other=2", "oura/success=2"],
            Observe<int>(DashboardTelemetry.TeamPulls).Select(m => $"{m.Tags["provider"]}/{m.Tags["status"]}={m.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["other/other=2", "oura/success=1"],
            Observe<int>(DashboardTelemetry.TeamProviderUsers).Select(m => $"{m.Tags["provider"]}/{m.Tags["status"]}={m.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StaleUsers_OngoingDataOlderThanTheLimit_CountedOnceAUserAsTheGridMarksThem()
    {
        // User 1's sleep and heart-rate data stopped 5 and 6 days ago (stale), user 2's 3 hours ago. The team scan reads
        // no connections, so no data_stale finding is made here (that needs a connection known to be fine): the gauge
        // counts what the grid's stale filter shows. It read 0 while it counted the finding.
        _snapshots.Current = TestSnapshots.Complete(
            [User(1).Pull("oura", "sleep", "success").Build(), User(2).Pull("oura", "sleep", "success").Build()],
            [Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(5)).Resource("oura", "heartrate", TimeSpan.FromDays(6)).Build(),
             Ongoing(2).Resource("oura", "sleep", TimeSpan.FromHours(3)).Build()]);

        Assert.True(_snapshots.Current.Users[0].IsStale);
        Assert.Equal(1, Single<int>(DashboardTelemetry.TeamStaleUsers));
    }

    [Fact]
    public void TeamGauges_SnapshotGrowing_CountWhatIsThereEachTime()
    {
        var scanning = TestSnapshots.Scanning(User(1).Pull("oura", "sleep", "success"));
        _snapshots.Current = scanning;
        var before = Single<int>(DashboardTelemetry.TeamUsers);

        TestSnapshots.Append(scanning, [User(2).Pull("oura", "sleep", "success")]);

        Assert.Equal(1, before);
        Assert.Equal(2, Single<int>(DashboardTelemetry.TeamUsers));
    }

    [Fact]
    public void StaleUsers_ArePublished()
    {
        // data_stale comes from the ongoing data, which a pulls-only snapshot does not hold yet: zero, but there.
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success"));

        Assert.Equal(0, Single<int>(DashboardTelemetry.TeamStaleUsers));
    }

    [Fact]
    public void ScanGauges_RefreshRunning_ShowItsProgressBesideTheLastSuccess()
    {
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success"));
        var refreshing = TestSnapshots.Scanning(User(1).Pull("oura", "sleep", "success"), User(2).Pull("oura", "sleep", "success"));
        refreshing.Report(new ScanProgress(Pages: 7, Users: 2, ScopesDone: 2, ScopesTotal: 5));
        _snapshots.Refreshing = refreshing;

        Assert.Equal(1, Single<int>(DashboardTelemetry.ScanRunning));
        Assert.Equal(7, Single<int>(DashboardTelemetry.ScanPages));
        Assert.Equal(2, Single<int>(DashboardTelemetry.ScanUsers));
        Assert.Equal(0.4, Single<double>(DashboardTelemetry.ScanProgress), 6);
        Assert.Equal(0, Single<int>(DashboardTelemetry.ScanFailing));
        Assert.Equal(Now.ToUnixTimeSeconds(), Single<double>(DashboardTelemetry.ScanLastSuccess), 3);
        Assert.Equal(1, Single<int>(DashboardTelemetry.TeamUsers)); // the grid still shows the last complete scan
    }

    [Fact]
    public void ScanGauges_NothingRunning_ShowTheLastScanDone()
    {
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success"));

        Assert.Equal(0, Single<int>(DashboardTelemetry.ScanRunning));
        Assert.Equal(1, Single<double>(DashboardTelemetry.ScanProgress));
        Assert.Equal(1, Single<int>(DashboardTelemetry.ScanPages));
    }

    [Fact]
    public void ScanGauges_LastRefreshFailed_AreFailingWhileTheOldSnapshotShows()
    {
        _snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success"));
        _snapshots.LastRefreshError = "Vital rejected the dashboard's API key (401).";

        Assert.Equal(1, Single<int>(DashboardTelemetry.ScanFailing));
        Assert.Equal(Now.ToUnixTimeSeconds(), Single<double>(DashboardTelemetry.ScanLastSuccess), 3);
    }

    [Fact]
    public void ScanGauges_FirstScanFailed_AreFailingWithNoLastSuccess()
    {
        _snapshots.Current = TestSnapshots.Failed("Vital is having trouble right now (503).", User(1).Pull("oura", "sleep", "success"));

        Assert.Equal(1, Single<int>(DashboardTelemetry.ScanFailing));
        Assert.Empty(Observe<double>(DashboardTelemetry.ScanLastSuccess));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void ScanRole_EachRole_OneForItZeroForTheOthers()
    {
        Assert.Equal(["follower=0", "isolated=0", "leader=0", "single=1"], Roles());

        _lease.Role = ScanRole.Follower;
        Assert.Equal(["follower=1", "isolated=0", "leader=0", "single=0"], Roles());

        _lease.Role = ScanRole.Leader;
        Assert.Equal(["follower=0", "isolated=0", "leader=1", "single=0"], Roles());

        IEnumerable<string> Roles() => Observe<int>(DashboardTelemetry.ScanRole).Select(m => $"{m.Tags["role"]}={m.Value}").Order(StringComparer.Ordinal);
    }

    private IReadOnlyList<CollectedMeasurement<T>> Observe<T>(string instrument)
        where T : struct
    {
        using var collector = new MetricCollector<T>(_services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, instrument);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot();
    }

    private T Single<T>(string instrument)
        where T : struct =>
        Assert.Single(Observe<T>(instrument)).Value;
}
