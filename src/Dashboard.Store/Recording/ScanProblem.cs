namespace Dashboard.Store.Recording;

/// <summary>A scan of <paramref name="Scope"/> that ended at <paramref name="EndedAt"/> without the whole team, and why.</summary>
public sealed record ScanProblem(string Scope, DateTimeOffset EndedAt, string Problem);
