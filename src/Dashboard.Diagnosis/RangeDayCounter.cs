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
}
