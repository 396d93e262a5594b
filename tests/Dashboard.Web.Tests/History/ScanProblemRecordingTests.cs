using Dashboard.Diagnosis;
using Dashboard.Store.Recording;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.History;

/// <summary>
/// The scanning replica stores the problem of each scan of its own that did not end with the whole team (ADR 0017), so
/// the replicas that show what it publishes can say so; a whole scan, and a team shown from the store, store nothing.
/// </summary>
public sealed class ScanProblemRecordingTests : IDisposable
{
    private readonly FakeTeamSnapshots _snapshots = new();
    private readonly ListProblems _problems = new();
    private readonly RestoredTeam _restored = new();
    private readonly TeamScanRecorder _recorder;

    public ScanProblemRecordingTests()
    {
        var scope = new TeamScope(Options.Create(new VitalOptions()), Options.Create(new SimulatorOptions()));
        _recorder = new TeamScanRecorder(_snapshots, new NoHistory(), new DiagnosisEngine(new DiagnosisOptions()), scope, _restored, problems: _problems);
        _recorder.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _recorder.Dispose();

    [Fact]
    public async Task ScanEnded_RefreshFailed_ItsErrorStoredWithWhenItEnded()
    {
        var failed = TestSnapshots.Failed("Vital rejected the API key (401).");

        _snapshots.EndScan(failed, "Vital rejected the API key (401).");
        await _recorder.ProblemWritten;

        var problem = Assert.Single(_problems.Written);
        Assert.Equal("Vital rejected the API key (401).", problem.Problem);
        Assert.Equal(failed.CompletedAt ?? failed.StartedAt, problem.EndedAt);
    }

    [Fact]
    public async Task ScanEnded_Incomplete_SaysWhichWalksWereNotReadForTheOtherReplicas()
    {
        var incomplete = TestSnapshots.Scanning(TestPulls.User(1).Pull("oura", "sleep", "success"));
        incomplete.CompleteIncomplete(TestPulls.Now, [new ScanGap(new ProviderSlug("garmin"), TeamWalk.Pulls, 2, VitalErrorKind.Unavailable, "Vital is unavailable.")], carriedOver: 0);

        _snapshots.EndScan(incomplete, null);
        await _recorder.ProblemWritten;

        var problem = Assert.Single(_problems.Written);
        Assert.StartsWith("The newest scan could not read the whole team: Vital kept failing on garmin", problem.Problem, StringComparison.Ordinal);
        Assert.Equal(TestPulls.Now, problem.EndedAt);
    }

    [Fact]
    public async Task ScanEnded_Whole_NothingStored()
    {
        _snapshots.EndScan(TestSnapshots.Complete(TestPulls.User(1).Pull("oura", "sleep", "success")), null);
        await _recorder.ProblemWritten;

        Assert.Empty(_problems.Written);
    }

    [Fact]
    public async Task ScanEnded_StoreDown_TheScanGoesOnAndTheNextProblemIsStored()
    {
        _problems.Down = true;
        _snapshots.EndScan(TestSnapshots.Failed("Vital is unavailable."), "Vital is unavailable.");
        await _recorder.ProblemWritten;
        _problems.Down = false;

        _snapshots.EndScan(TestSnapshots.Failed("Vital is still unavailable."), "Vital is still unavailable.");
        await _recorder.ProblemWritten;

        Assert.Equal("Vital is still unavailable.", Assert.Single(_problems.Written).Problem);
    }

    private sealed class ListProblems : IScanProblemStore
    {
        public List<ScanProblem> Written { get; } = [];

        public bool Down { get; set; }

        public Task WriteAsync(ScanProblem problem, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new InvalidOperationException("The database is down.");
            }

            Written.Add(problem);
            return Task.CompletedTask;
        }

        public Task<ScanProblem?> LatestAsync(string scope, CancellationToken cancellationToken) => Task.FromResult(Written.LastOrDefault());
    }

    private sealed class NoHistory : IHistoryRecorder
    {
        public void Record(CompletedScan scan)
        {
        }
    }
}
