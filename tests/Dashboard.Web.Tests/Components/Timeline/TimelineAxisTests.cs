using Dashboard.Web.Components.Timeline;
using static Dashboard.Web.Tests.Components.Timeline.TimelineFixtures;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelineAxisTests
{
    /// <summary>An axis exactly over [from, to]: no padding, no minimum span.</summary>
    private static TimelineAxis Exact(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo? zone = null) =>
        TimelineAxis.Over([from, to], from, TimeSpan.FromTicks(1), padding: 0, zone ?? TimeZoneInfo.Utc);

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Ticks_ThirtySeconds_FiveSecondStepWithSeconds()
    {
        var axis = Exact(At(0), At(0, 30));

        Assert.Equal(new TickStep(5, TickUnit.Second), axis.Step);
        Assert.Equal("HH:mm:ss", axis.Step.Format);
        Assert.Equal(
            ["10:00:00", "10:00:05", "10:00:10", "10:00:15", "10:00:20", "10:00:25", "10:00:30"],
            axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Ticks_TwentyMinutes_FiveMinuteStep()
    {
        var axis = Exact(At(0), At(20));

        Assert.Equal(new TickStep(5, TickUnit.Minute), axis.Step);
        Assert.Equal("HH:mm", axis.Step.Format);
        Assert.Equal(["10:00", "10:05", "10:10", "10:15", "10:20"], axis.Ticks.Select(t => t.Label));
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], axis.Ticks.Select(t => t.X));
    }

    [Fact]
    public void Ticks_SixHours_OneHourStep()
    {
        var axis = Exact(Utc(2026, 3, 4, 6), Utc(2026, 3, 4, 12));

        Assert.Equal(new TickStep(1, TickUnit.Hour), axis.Step);
        Assert.Equal(["06:00", "07:00", "08:00", "09:00", "10:00", "11:00", "12:00"], axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Ticks_ThreeDays_TwelveHourStepWithTheDateAtMidnight()
    {
        var axis = Exact(Utc(2026, 3, 4), Utc(2026, 3, 7));

        Assert.Equal(new TickStep(12, TickUnit.Hour), axis.Step);
        Assert.Equal(["Mar 4", "12:00", "Mar 5", "12:00", "Mar 6", "12:00", "Mar 7"], axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Ticks_FourMonths_MonthStepWithMonthAndYear()
    {
        var axis = Exact(Utc(2026, 1, 1), Utc(2026, 5, 1));

        Assert.Equal(new TickStep(1, TickUnit.Month), axis.Step);
        Assert.Equal("MMM yyyy", axis.Step.Format);
        Assert.Equal(["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026"], axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Ticks_SixWeeks_WeeklyOnMondays()
    {
        var axis = Exact(Utc(2026, 3, 4), Utc(2026, 4, 15));

        Assert.Equal(new TickStep(7, TickUnit.Day), axis.Step);
        Assert.Equal("MMM d", axis.Step.Format);
        Assert.All(axis.Ticks, t => Assert.Equal(DayOfWeek.Monday, t.Time.DayOfWeek));
        Assert.Equal(["Mar 9", "Mar 16", "Mar 23", "Mar 30", "Apr 6", "Apr 13"], axis.Ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(7, "1 s")]
    [InlineData(30, "5 s")]
    [InlineData(100, "15 s")]
    [InlineData(200, "30 s")]
    [InlineData(8 * 60, "1 min")]
    [InlineData(20 * 60, "5 min")]
    [InlineData(2 * 3600, "15 min")]
    [InlineData(4 * 3600, "30 min")]
    [InlineData(6 * 3600, "1 h")]
    [InlineData(24 * 3600, "3 h")]
    [InlineData(2 * 86400, "6 h")]
    [InlineData(3 * 86400, "12 h")]
    [InlineData(7 * 86400, "1 day")]
    [InlineData(10 * 86400, "2 days")]
    [InlineData(42 * 86400, "7 days")]
    [InlineData(120 * 86400, "1 month")]
    [InlineData(365 * 86400, "3 months")]
    [InlineData(3 * 365 * 86400, "6 months")]
    [InlineData(5 * 365 * 86400, "1 year")]
    public void TickStepFor_Span_ShortestStepWithAtMostEightTicks(int seconds, string expected)
    {
        var step = TickStep.For(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, step.ToString());
    }

    [Theory]
    [InlineData(45)]
    [InlineData(150)]
    [InlineData(700)]
    [InlineData(5400)]
    [InlineData(30000)]
    [InlineData(100000)]
    [InlineData(400000)]
    [InlineData(2000000)]
    [InlineData(9000000)]
    [InlineData(40000000)]
    [InlineData(150000000)]
    public void Ticks_AnySpan_ReadableCount(int seconds)
    {
        var axis = Exact(At(0), At(0).AddSeconds(seconds));

        Assert.InRange(axis.Ticks.Count, 2, TickStep.MaxTicks + 1);
        Assert.All(axis.Ticks, t => Assert.InRange(t.X, 0, 1));
        Assert.Equal(axis.Ticks.OrderBy(t => t.Time), axis.Ticks);
    }

    [Fact]
    public void Ticks_HalfHourOffsetZone_OnWholeLocalHours()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var axis = Exact(Utc(2026, 3, 4, 4), Utc(2026, 3, 4, 10), kolkata);

        // 04:00-10:00 UTC is 09:30-15:30 in Kolkata (UTC+05:30): ticks on the local hours, at half past in UTC.
        Assert.Equal(["10:00", "11:00", "12:00", "13:00", "14:00", "15:00"], axis.Ticks.Select(t => t.Label));
        Assert.Equal(Utc(2026, 3, 4, 4, 30), axis.Ticks[0].Time);
        Assert.All(axis.Ticks, t => Assert.Equal(30, t.Time.UtcDateTime.Minute));
    }

    [Fact]
    public void Ticks_SpringForward_SkipTheHourThatDoesNotExist()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 2026-03-29: clocks jump from 02:00 to 03:00 in Berlin. Local midnight (CET) to 06:00 (CEST).
        var axis = Exact(Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 4), berlin);

        Assert.Equal(["Mar 29", "01:00", "03:00", "04:00", "05:00", "06:00"], axis.Ticks.Select(t => t.Label));
        Assert.Equal(Utc(2026, 3, 29, 1), axis.Ticks[2].Time);
    }

    [Fact]
    public void Over_NoTimes_MinimumSpanCentredOnTheFallback()
    {
        var axis = TimelineAxis.Over([], At(0), TimeSpan.FromMinutes(2), padding: 0, TimeZoneInfo.Utc);

        Assert.Equal(At(-1), axis.Start);
        Assert.Equal(At(1), axis.End);
    }

    [Fact]
    public void Over_Padding_AddedOnBothSides()
    {
        var axis = TimelineAxis.Over([At(0), At(10)], At(0), TimeSpan.FromMinutes(2), padding: 0.1, TimeZoneInfo.Utc);

        Assert.Equal(At(-1), axis.Start);
        Assert.Equal(At(11), axis.End);
        Assert.Equal(0, axis.Fraction(At(-1)));
        Assert.Equal(1, axis.Fraction(At(11)));
        Assert.Equal(0.5, axis.Fraction(At(5)));
    }
}
