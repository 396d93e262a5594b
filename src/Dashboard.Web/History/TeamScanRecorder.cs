using Dashboard.Diagnosis;
using Dashboard.Store.Recording;
using Dashboard.Web.Connections;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// The hook between the team scan and the history: listens to <see cref="ITeamSnapshots.Changed"/>, and each time the
/// shown snapshot is a newly completed scan without error, hands it to the recorder (which maps and writes it on its
/// own thread), with the connections the sweep has read by then. A failed or partial scan is never recorded: users
/// missing from it would look like recoveries.
/// </summary>
internal sealed class TeamScanRecorder(
    ITeamSnapshots snapshots, IHistoryRecorder recorder, DiagnosisEngine engine, TeamScope scope, RestoredTeam restored, ConnectionReadings? connections = null)
    : IHostedService, IDisposable
{
    private long _lastGeneration;
    private int _subscribed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            snapshots.Changed += OnChanged;
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
        }
    }

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
