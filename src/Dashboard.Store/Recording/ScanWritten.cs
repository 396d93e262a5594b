namespace Dashboard.Store.Recording;

/// <summary>What the writer did with a scan: its row, the changes written, whether it started the history.</summary>
public sealed record ScanWritten(string Scope, long ScanId, DateTimeOffset CompletedAt, int Changes, bool Baseline);
