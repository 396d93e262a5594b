namespace Dashboard.Store.Recording;

/// <summary>Takes completed scans for the history; never blocks and never throws, whatever the database does.</summary>
public interface IHistoryRecorder
{
    void Record(CompletedScan scan);
}
