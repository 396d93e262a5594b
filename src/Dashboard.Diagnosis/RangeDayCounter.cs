namespace Dashboard.Diagnosis;

/// <summary>Counts the days in a pull's data range, the denominator of its coverage.</summary>
public static class RangeDayCounter
{
    /// <summary>
    /// Whole days from <paramref name="start"/> to <paramref name="end"/>, a partial day counting as a whole one
    /// (the ceiling: data on that day is possible). Midnight to midnight over 180 days is 180, and 180 days and one
    /// hour is 181. Null when either end is missing or the range is empty or reversed: such a pull has no coverage.
    /// </summary>
    public static int? Count(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is not { } from || end is not { } to || to <= from)
        {
            return null;
        }

        return (int)Math.Min(int.MaxValue, Math.Ceiling((to - from).TotalDays));
    }

    /// <summary>
    /// A pull's coverage: <paramref name="daysWithData"/> over the days of its range (<see cref="Count"/>); null without
    /// a positive range. The diagnosis and the team CSV reckon it here, so both give the same figure.
    /// </summary>
    public static double? Coverage(int daysWithData, DateTimeOffset? start, DateTimeOffset? end) =>
        Count(start, end) is { } days ? (double)daysWithData / days : null;
}
