namespace Dashboard.Diagnosis.Tests;

public sealed class TextFormatterTests
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
    public void ShortDuration_Seconds_AbbreviatedWithTwoUnitsAtMost(int seconds, string expected)
    {
        Assert.Equal(expected, TextFormatter.ShortDuration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void ShortDuration_UnderASecond_NotShownAsZero()
    {
        Assert.Equal("< 1 s", TextFormatter.ShortDuration(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void UtcSeconds_AnyOffset_ShownInUtc()
    {
        var time = new DateTimeOffset(2026, 3, 4, 11, 1, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026-03-04 10:01:00 UTC", TextFormatter.UtcSeconds(time));
    }

    [Theory]
    [InlineData("26 min 45 s", "26\u00A0min 45\u00A0s")]
    [InlineData("46 min 31 s so far", "46\u00A0min 31\u00A0s so far")]
    [InlineData("1 day 4 h", "1\u00A0day 4\u00A0h")]
    [InlineData("–", "–")]
    public void KeepUnitsTogether_NoBreakBetweenANumberAndItsUnit(string text, string expected)
    {
        Assert.Equal(expected, TextFormatter.KeepUnitsTogether(text));
    }

    [Fact]
    public void ShortDuration_NoneOrNegative_Dash()
    {
        Assert.Equal("–", TextFormatter.ShortDuration((TimeSpan?)null));
        Assert.Equal("–", TextFormatter.ShortDuration((TimeSpan?)TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void SoFar_Running_ShortDurationSoFar()
    {
        Assert.Equal("3 min 12 s so far", TextFormatter.SoFar(new TimeSpan(0, 3, 12)));
    }

    [Theory]
    [InlineData(30, "less than a minute")]
    [InlineData(45 * 60, "45 minutes")]
    [InlineData(6 * 3600, "6 hours")]
    [InlineData(6 * 3600 + 30 * 60, "6 hours 30 minutes")]
    [InlineData(2 * 86400, "2 days")]
    [InlineData(2 * 86400 + 3 * 3600, "2 days 3 hours")]
    [InlineData(60, "1 minute")]
    public void Duration_Seconds_InWordsForASentence(int seconds, string expected)
    {
        Assert.Equal(expected, TextFormatter.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1200, "1,200")]
    [InlineData(100000, "100,000")]
    public void Count_Number_ThousandsSeparatedInEveryCulture(int count, string expected)
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(expected, TextFormatter.Count(count));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(1, "1 user")]
    [InlineData(2, "2 users")]
    [InlineData(1200, "1,200 users")]
    public void Count_WithNoun_SingularOrPlural(int count, string expected)
    {
        Assert.Equal(expected, TextFormatter.Count(count, "user"));
    }
}
