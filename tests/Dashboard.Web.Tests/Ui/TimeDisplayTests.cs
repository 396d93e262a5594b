using Dashboard.Web.Ui;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Ui;

public sealed class TimeDisplayTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Noon);
    private readonly TimeDisplay _display;
    private int _changes;

    public TimeDisplayTests()
    {
        _display = new TimeDisplay(_time);
        _display.Changed += () => _changes++;
    }

    [Theory]
    [InlineData(null, TimeDisplayMode.Utc)]
    [InlineData("", TimeDisplayMode.Utc)]
    [InlineData("utc", TimeDisplayMode.Utc)]
    [InlineData(" Local ", TimeDisplayMode.Local)]
    [InlineData("RELATIVE", TimeDisplayMode.Relative)]
    [InlineData("mars", TimeDisplayMode.Utc)]
    public void Parse_TzValue_Mode(string? tz, TimeDisplayMode mode)
    {
        Assert.Equal(mode, TimeDisplay.Parse(tz));
    }

    [Theory]
    [InlineData(TimeDisplayMode.Utc, null)]
    [InlineData(TimeDisplayMode.Local, "local")]
    [InlineData(TimeDisplayMode.Relative, "relative")]
    public void ToQueryValue_RoundTripsThroughParse(TimeDisplayMode mode, string? value)
    {
        Assert.Equal(value, TimeDisplay.ToQueryValue(mode));
        Assert.Equal(mode, TimeDisplay.Parse(value));
    }

    [Fact]
    public void SetMode_Change_RaisedOnceAndNotForTheSameMode()
    {
        _display.SetMode(TimeDisplayMode.Local);
        _display.SetMode(TimeDisplayMode.Local);

        Assert.Equal(TimeDisplayMode.Local, _display.Mode);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public void Format_Utc_MinutesAndUtc()
    {
        Assert.Equal("2026-03-04 10:15 UTC", _display.Format(new DateTimeOffset(2026, 3, 4, 11, 15, 30, TimeSpan.FromHours(1))));
        Assert.Equal("2026-03-04 10:15:30 UTC", _display.Format(new DateTimeOffset(2026, 3, 4, 10, 15, 30, TimeSpan.Zero), withSeconds: true));
    }

    [Fact]
    public void Format_None_Dash()
    {
        Assert.Equal("–", _display.Format(null));
        Assert.Equal(string.Empty, _display.Exact(null));
    }

    [Fact]
    public void Format_LocalWithTheBrowsersZone_ThatZonesClockAcrossDaylightSaving()
    {
        _display.SetLocalZone("Europe/Berlin");
        _display.SetMode(TimeDisplayMode.Local);

        Assert.Equal("2026-03-04 13:00", _display.Format(Noon));
        Assert.Equal("2026-07-04 14:00", _display.Format(new DateTimeOffset(2026, 7, 4, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2026-03-04 12:00:00 UTC (2026-03-04 13:00:00 Europe/Berlin)", _display.Exact(Noon));
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), _display.DisplayZone);
    }

    [Fact]
    public void Format_LocalButZoneUnknown_UtcSaidOutLoud()
    {
        _display.SetMode(TimeDisplayMode.Local);

        Assert.Equal("2026-03-04 12:00 UTC", _display.Format(Noon));
        Assert.Equal("2026-03-04 12:00:00 UTC", _display.Exact(Noon));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Not/AZone")]
    public void SetLocalZone_Unresolvable_StaysUtcWithoutChange(string? zone)
    {
        _display.SetLocalZone(zone);

        Assert.False(_display.LocalZoneKnown);
        Assert.Equal(TimeZoneInfo.Utc, _display.LocalZone);
        Assert.Equal(0, _changes);
    }

    [Fact]
    public void Format_Relative_AgoAndAheadFromTheClock()
    {
        _display.SetMode(TimeDisplayMode.Relative);

        Assert.Equal("2 hours ago", _display.Format(Noon.AddHours(-2)));
        Assert.Equal("3 days ago", _display.Format(Noon.AddDays(-3)));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal("yesterday", _display.Format(Noon));
        Assert.Equal("2026-03-04 12:00:00 UTC", _display.Exact(Noon));
        Assert.Equal(TimeZoneInfo.Utc, _display.DisplayZone);
    }
}
