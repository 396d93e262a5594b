using Dashboard.Diagnosis;
using Dashboard.Store.Recording;
using Dashboard.Web.Connections;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// The hook between the team scan and the history: listens to <see cref="ITeamSnapshots.Changed"/>, and each time the
/// shown snapshot is a newly completed scan without error, hands it to the recorder (which maps and writes it on its
/// own thread), with the connections the sweep has read by then. A failed or partial scan is never recorded: users
/// missing from it would look like recoveries. Its problem is stored instead (<see cref="IScanProblemStore"/>), so the
/// replicas that show what this one publishes can say the team they show is not the newest attempt (ADR 0017).
/// </summary>
internal sealed partial class TeamScanRecorder(
    ITeamSnapshots snapshots,
    IHistoryRecorder recorder,
    DiagnosisEngine engine,
    TeamScope scope,
    RestoredTeam restored,
    ConnectionReadings? connections = null,
    IScanProblemStore? problems = null,
    ILogger<TeamScanRecorder>? logger = null)
    : IHostedService, IDisposable
{
    private long _lastGeneration;
    private int _subscribed;
    private int _problemWriteFailing;

    /// <summary>The last problem's write (tests wait for it).</summary>
    internal Task ProblemWritten { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            snapshots.Changed += OnChanged;
            snapshots.ScanEnded += OnScanEnded;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _subscribed, 0) == 1)
        {
            snapshots.Changed -= OnChanged;
            snapshots.ScanEnded -= OnScanEnded;
        }
    }

    /// <summary>A scan of this replica's ended: a failed or incomplete one is stored as the scope's last problem.</summary>
    internal void OnScanEnded(TeamSnapshot snapshot, string? error)
    {
        if (problems is null || (error ?? snapshot.Error ?? IncompleteScanNotice.ForOtherReplicas(snapshot)) is not { } problem)
        {
            return;
        }

        var endedAt = snapshot.CompletedAt ?? snapshot.StartedAt;
        ProblemWritten = WriteProblemAsync(new ScanProblem(scope.Value, endedAt, problem));
    }

    private async Task WriteProblemAsync(ScanProblem problem)
    {
        try
        {
            await problems!.WriteAsync(problem, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Exchange(ref _problemWriteFailing, 0);
        }
        catch (Exception ex)
        {
            // The history's own writer says when the database is down; this says it once, and the scan goes on.
            if (Interlocked.Exchange(ref _problemWriteFailing, 1) == 0 && logger is not null)
            {
                LogProblemNotStored(logger, Dashboard.Store.Hosting.StoreFailure.Describe(ex), ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 7044, Level = LogLevel.Warning, Message = "The scan's problem could not be stored for the other replicas: {Reason} ({ExceptionType})")]
    private static partial void LogProblemNotStored(ILogger logger, string reason, string exceptionType);

    internal void OnChanged()
    {
        var snapshot = snapshots.Current;
        // An incomplete scan is not history: what it could not read would read as changes (ADR 0016).
        if (!snapshot.IsWhole || restored.IsRestored(snapshot))
        {
            return;
        }

        var last = Interlocked.Read(ref _lastGeneration);
        if (snapshot.Generation <= last || Interlocked.CompareExchange(ref _lastGeneration, snapshot.Generation, last) != last)
        {
            return;
        }

        recorder.Record(new CompletedScan(
            scope.Value,
            snapshot.StartedAt,
            snapshot.CompletedAt!.Value,
            snapshot.Progress.Pages,
            () => TeamStateMapping.ToState(snapshot, engine, connections)));
    }
}
