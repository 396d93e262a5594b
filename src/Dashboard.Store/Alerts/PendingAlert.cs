namespace Dashboard.Store.Alerts;

/// <summary>An alert claimed for sending: the scan it is about, when it completed, and its new critical problems.</summary>
public sealed record PendingAlert(long Id, string Scope, long ScanId, DateTimeOffset SeenAt, IReadOnlyList<NewProblem> Problems);
