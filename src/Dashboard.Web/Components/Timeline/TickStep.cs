using System.Globalization;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The distance between two axis ticks: <see cref="Count"/> <see cref="Unit"/>s, counted on the wall clock of the display
/// zone (so hour ticks stay on whole local hours and month ticks on the first of the month).
/// </summary>
public sealed record TickStep(int Count, TickUnit Unit)
{
    private const double DaysPerMonth = 365.25 / 12;

    /// <summary>
    /// The candidate steps, shortest first: 1, 5, 15, 30 s; 1, 5, 15, 30 min; 1, 3, 6, 12 h; 1, 2, 7 days; 1, 3, 6
    /// months; 1, 2, 5, 10 years.
    /// </summary>
    public static IReadOnlyList<TickStep> All { get; } =
    [
        new(1, TickUnit.Second), new(5, TickUnit.Second), new(15, TickUnit.Second), new(30, TickUnit.Second),
        new(1, TickUnit.Minute), new(5, TickUnit.Minute), new(15, TickUnit.Minute), new(30, TickUnit.Minute),
        new(1, TickUnit.Hour), new(3, TickUnit.Hour), new(6, TickUnit.Hour), new(12, TickUnit.Hour),
        new(1, TickUnit.Day), new(2, TickUnit.Day), new(7, TickUnit.Day),
        new(1, TickUnit.Month), new(3, TickUnit.Month), new(6, TickUnit.Month),
        new(1, TickUnit.Year), new(2, TickUnit.Year), new(5, TickUnit.Year), new(10, TickUnit.Year),
    ];

    /// <summary>The most ticks an axis gets; the step chosen is the shortest that stays within it.</summary>
    public const int MaxTicks = 8;

    /// <summary>The step's nominal length (a month counts as 365.25 / 12 days, a year as 365.25).</summary>
    public TimeSpan ApproximateLength => Unit switch
    {
        TickUnit.Second => TimeSpan.FromSeconds(Count),
        TickUnit.Minute => TimeSpan.FromMinutes(Count),
        TickUnit.Hour => TimeSpan.FromHours(Count),
        TickUnit.Day => TimeSpan.FromDays(Count),
        TickUnit.Month => TimeSpan.FromDays(Count * DaysPerMonth),
        _ => TimeSpan.FromDays(Count * 365.25),
    };

    /// <summary>
    /// The label format for ticks of this step: <c>HH:mm:ss</c> under a minute, <c>HH:mm</c> under a day (a tick on
    /// local midnight reads <c>MMM d</c> instead, so day changes show), <c>MMM d</c> for days, <c>MMM yyyy</c> for
    /// months and <c>yyyy</c> for years.
    /// </summary>
    public string Format => Unit switch
    {
        TickUnit.Second => "HH:mm:ss",
        TickUnit.Minute or TickUnit.Hour => "HH:mm",
        TickUnit.Day => "MMM d",
        TickUnit.Month => "MMM yyyy",
        _ => "yyyy",
    };

    /// <summary>"5 min", "12 h", "1 month".</summary>
    public override string ToString() => Unit switch
    {
        TickUnit.Second => $"{Count} s",
        TickUnit.Minute => $"{Count} min",
        TickUnit.Hour => $"{Count} h",
        TickUnit.Day => Count == 1 ? "1 day" : $"{Count} days",
        TickUnit.Month => Count == 1 ? "1 month" : $"{Count} months",
        _ => Count == 1 ? "1 year" : $"{Count} years",
    };

    /// <summary>The shortest step that puts at most <see cref="MaxTicks"/> ticks on <paramref name="span"/>.</summary>
    public static TickStep For(TimeSpan span)
    {
        foreach (var step in All)
        {
            if (span.Ticks / (double)step.ApproximateLength.Ticks <= MaxTicks)
            {
                return step;
            }
        }

        // Longer than eighty years: whole decades, as many as it takes.
        var decades = (int)Math.Ceiling(span.TotalDays / 3652.5 / MaxTicks);
        return new TickStep(decades * 10, TickUnit.Year);
    }

    /// <summary>The label of a tick at <paramref name="local"/> (wall-clock time in the display zone).</summary>
    public string Label(DateTime local)
    {
        var format = Unit is TickUnit.Minute or TickUnit.Hour && local.TimeOfDay == TimeSpan.Zero ? "MMM d" : Format;
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The first wall-clock time on this step's grid at or before <paramref name="local"/>.</summary>
    internal DateTime Floor(DateTime local)
    {
        switch (Unit)
        {
            case TickUnit.Second:
            case TickUnit.Minute:
            case TickUnit.Hour:
                var length = ApproximateLength.Ticks;
                var sinceMidnight = local.TimeOfDay.Ticks;
                return local.Date.AddTicks(sinceMidnight - (sinceMidnight % length));
            case TickUnit.Day:
                // Day number 0 (1 January 0001) was a Monday: weeks start on Mondays, two-day steps on even day numbers,
                // the same grid whatever the axis start.
                var back = DateOnly.FromDateTime(local).DayNumber % Count;
                return local.Date.AddDays(-back);
            case TickUnit.Month:
                var monthIndex = local.Month - 1;
                return new DateTime(local.Year, monthIndex - (monthIndex % Count) + 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            default:
                return new DateTime(Math.Max(1, local.Year - (local.Year % Count)), 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        }
    }

    /// <summary>The next wall-clock time on this step's grid.</summary>
    internal DateTime Next(DateTime local) => Unit switch
    {
        TickUnit.Second => local.AddSeconds(Count),
        TickUnit.Minute => local.AddMinutes(Count),
        TickUnit.Hour => local.AddHours(Count),
        TickUnit.Day => local.AddDays(Count),
        TickUnit.Month => local.AddMonths(Count),
        _ => local.AddYears(Count),
    };
}
