namespace Dashboard.Diagnosis.Tests;

public class RangeDayCounterTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<TimeSpan, int?> Lengths => new()
    {
        { TimeSpan.FromDays(180), 180 },
        { TimeSpan.FromDays(180) + TimeSpan.FromHours(1), 181 },
        { TimeSpan.FromDays(180) - TimeSpan.FromHours(1), 180 },
        { TimeSpan.FromMinutes(30), 1 },
        { TimeSpan.FromTicks(1), 1 },
        { TimeSpan.Zero, null },
        { TimeSpan.FromDays(-1), null },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Count_RangeOfLength_IsTheCeilingOfItsDaysOrNullWhenNotPositive(TimeSpan length, int? days)
    {
        // Act
        var count = RangeDayCounter.Count(Start, Start + length);

        // Assert
        Assert.Equal(days, count);
    }

    [Fact]
    public void Coverage_DaysWithDataOverTheRangesDays_NullWithoutAPositiveRange()
    {
        // Assert: 45 days of data over 180 days, and over 181 when the range runs an hour past a whole day.
        Assert.Equal(0.25, RangeDayCounter.Coverage(45, Start, Start + TimeSpan.FromDays(180)));
        Assert.Equal(45.0 / 181, RangeDayCounter.Coverage(45, Start, Start + TimeSpan.FromDays(180) + TimeSpan.FromHours(1)));
        Assert.Equal(0.0, RangeDayCounter.Coverage(0, Start, Start + TimeSpan.FromDays(30)));
        Assert.Null(RangeDayCounter.Coverage(45, Start, Start));
        Assert.Null(RangeDayCounter.Coverage(45, null, Start));
    }

    [Fact]
    public void Count_MissingEnds_IsNull()
    {
        // Assert
        Assert.Null(RangeDayCounter.Count(null, Start));
        Assert.Null(RangeDayCounter.Count(Start, null));
        Assert.Null(RangeDayCounter.Count(null, null));
    }

    [Fact]
    public void Count_EndsInDifferentOffsets_CountsTheRealDuration()
    {
        // Arrange: 2025-06-02T02:00+02:00 is 2025-06-02T00:00Z.
        var end = new DateTimeOffset(2025, 6, 2, 2, 0, 0, TimeSpan.FromHours(2));

        // Act and assert
        Assert.Equal(1, RangeDayCounter.Count(Start, end));
    }
}
