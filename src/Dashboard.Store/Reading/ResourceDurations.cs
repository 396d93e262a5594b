namespace Dashboard.Store.Reading;

/// <summary>
/// How long one resource's pulls took from scheduled to ended (success or failure), as the scans saw them: the median
/// and the 95th percentile (nearest rank) of <see cref="Count"/> pulls.
/// </summary>
public sealed record ResourceDurations(string Resource, int Count, TimeSpan Median, TimeSpan P95);
