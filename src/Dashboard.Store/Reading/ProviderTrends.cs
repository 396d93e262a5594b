namespace Dashboard.Store.Reading;

/// <summary>
/// A provider over time: its counts per day (days without a scan left out), and its pulls' time from scheduled to
/// ended per resource; <see cref="HistoryStart"/> null when nothing is recorded for the team yet.
/// </summary>
public sealed record ProviderTrends(IReadOnlyList<DayCounts> Days, IReadOnlyList<ResourceDurations> Durations, DateTimeOffset? HistoryStart);
