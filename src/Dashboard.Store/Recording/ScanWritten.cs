namespace Dashboard.Store.Recording;

/// <summary>
/// What the writer did with a scan: its row, the changes written, whether it started the history, and the alert it
/// queued for new critical problems (<see cref="Alerts.IAlertOutbox"/>), if any; how long the write's transaction took
/// (<see cref="Elapsed"/>) and how many rows it added or replaced (<see cref="Rows"/>: the scan, its changes, the team
/// state and the alert).
/// </summary>
public sealed record ScanWritten(string Scope, long ScanId, DateTimeOffset CompletedAt, int Changes, bool Baseline, long? AlertId = null)
{
    public TimeSpan Elapsed { get; init; }

    public int Rows => 2 + Changes + (AlertId is null ? 0 : 1);
}
