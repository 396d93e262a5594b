namespace Dashboard.Store.Reading;

/// <summary>
/// The answer to a changes query: the rows (newest first), whether there were more than the limit, and since when the
/// history goes back (null: nothing recorded yet for this team).
/// </summary>
public sealed record ProblemChanges(IReadOnlyList<ProblemChange> Changes, bool Truncated, DateTimeOffset? HistoryStart);
