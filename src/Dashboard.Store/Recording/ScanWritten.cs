namespace Dashboard.Store.Recording;

/// <summary>
/// What the writer did with a scan: its row, the changes written, whether it started the history, and the alert it
/// queued for new critical problems (<see cref="Alerts.IAlertOutbox"/>), if any; and how long the write took
/// (<see cref="Elapsed"/>).
/// </summary>
public sealed record ScanWritten(string Scope, long ScanId, DateTimeOffset CompletedAt, int Changes, bool Baseline, long? AlertId = null)
{
    public TimeSpan Elapsed { get; init; }
}
