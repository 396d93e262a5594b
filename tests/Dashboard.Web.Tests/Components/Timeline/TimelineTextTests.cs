using Dashboard.Web.Components.Timeline;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelineTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(-5, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(60, "1 min")]
    [InlineData(192, "3 min 12 s")]
    [InlineData(3600, "1 h")]
    [InlineData(7500, "2 h 5 min")]
    [InlineData(86400, "1 day")]
    [InlineData(86400 + 4 * 3600, "1 day 4 h")]
    [InlineData(3 * 86400, "3 days")]
    [InlineData(10 * 86400 + 3600, "10 days")]
    public void Duration_Seconds_AbbreviatedWithTwoUnitsAtMost(int seconds, string expected)
    {
        Assert.Equal(expected, TimelineText.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Duration_UnderASecond_NotShownAsZero()
    {
        Assert.Equal("< 1 s", TimelineText.Duration(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Utc_AnyOffset_ShownInUtc()
    {
        var time = new DateTimeOffset(2026, 3, 4, 11, 1, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026-03-04 10:01:00 UTC", TimelineText.Utc(time));
    }

    [Fact]
    public void InZone_Paris_LocalTimeWithZoneAndOffset()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var time = new DateTimeOffset(2026, 7, 4, 10, 1, 0, TimeSpan.Zero);

        Assert.Equal("2026-07-04 12:01:00 Europe/Paris (UTC+02:00)", TimelineText.InZone(time, paris));
    }

    [Theory]
    [InlineData(-330, "UTC-05:30")]
    [InlineData(0, "UTC+00:00")]
    [InlineData(60, "UTC+01:00")]
    public void Offset_Minutes_SignedHoursAndMinutes(int minutes, string expected)
    {
        Assert.Equal(expected, TimelineText.Offset(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void IsUtc_UtcAndEtcUtc_TrueParisFalse()
    {
        Assert.True(TimelineText.IsUtc(TimeZoneInfo.Utc));
        Assert.True(TimelineText.IsUtc(TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC")));
        Assert.False(TimelineText.IsUtc(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
    }

    [Theory]
    [InlineData("Oura · sleep", 30, "Oura · sleep")]
    [InlineData("Apple HealthKit · electrocardiogram voltage", 20, "Apple HealthKit · e…")]
    public void Truncate_LongText_CutWithAnEllipsis(string text, int max, string expected)
    {
        var result = TimelineText.Truncate(text, max);

        Assert.Equal(expected, result);
        Assert.True(result.Length <= max);
    }

    [Theory]
    [InlineData("26 min 45 s", "26\u00A0min 45\u00A0s")]
    [InlineData("46 min 31 s so far", "46\u00A0min 31\u00A0s so far")]
    [InlineData("1 day 4 h", "1\u00A0day 4\u00A0h")]
    [InlineData("–", "–")]
    public void KeepUnitsTogether_NoBreakBetweenANumberAndItsUnit(string text, string expected)
    {
        Assert.Equal(expected, TimelineText.KeepUnitsTogether(text));
    }
}
