using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class TimeZoneFormatterTests
{
    [Fact]
    public void InZone_Paris_LocalTimeWithZoneAndOffset()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var time = new DateTimeOffset(2026, 7, 4, 10, 1, 0, TimeSpan.Zero);

        Assert.Equal("2026-07-04 12:01:00 Europe/Paris (UTC+02:00)", TimeZoneFormatter.InZone(time, paris));
    }

    [Theory]
    [InlineData(-330, "UTC-05:30")]
    [InlineData(0, "UTC+00:00")]
    [InlineData(60, "UTC+01:00")]
    public void Offset_Minutes_SignedHoursAndMinutes(int minutes, string expected)
    {
        Assert.Equal(expected, TimeZoneFormatter.Offset(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void IsUtc_UtcAndEtcUtc_TrueParisFalse()
    {
        Assert.True(TimeZoneFormatter.IsUtc(TimeZoneInfo.Utc));
        Assert.True(TimeZoneFormatter.IsUtc(TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC")));
        Assert.False(TimeZoneFormatter.IsUtc(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
    }

}
