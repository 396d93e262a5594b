namespace Dashboard.Store.Reading;

/// <summary>
/// One provider's counts at the end of one day (UTC), from the last scan completed that day: pulls per status, and
/// findings per code.
/// </summary>
public sealed record DayCounts(DateOnly Day, IReadOnlyDictionary<string, int> Statuses, IReadOnlyDictionary<string, int> Findings);
