using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class TimeTextTests : DashboardContext
{
    private static readonly DateTimeOffset TenOClock = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<TimeText> RenderTime(DateTimeOffset? value, bool withSeconds = false) =>
        Render<TimeText>(p => p.Add(c => c.Value, value).Add(c => c.WithSeconds, withSeconds));

    [Fact]
    public void Render_Utc_TimeWithUtcAndTheExactTimeOnHover()
    {
        var time = RenderTime(TenOClock.AddSeconds(42)).Find("time");

        Assert.Equal("2026-03-04 10:00 UTC", time.TextContent);
        Assert.Equal("2026-03-04 10:00:42 UTC", time.GetAttribute("title"));
        Assert.Equal("2026-03-04T10:00:42.0000000+00:00", time.GetAttribute("datetime"));
    }

    [Fact]
    public void Render_WithSeconds_ShowsSeconds()
    {
        Assert.Equal("2026-03-04 10:00:42 UTC", RenderTime(TenOClock.AddSeconds(42), withSeconds: true).Find("time").TextContent);
    }

    [Fact]
    public void Render_OffsetInput_ShownInUtc()
    {
        var time = RenderTime(new DateTimeOffset(2026, 3, 4, 11, 0, 0, TimeSpan.FromHours(1))).Find("time");

        Assert.Equal("2026-03-04 10:00 UTC", time.TextContent);
    }

    [Fact]
    public void Render_LocalWithTheBrowsersZone_LocalTimeAndUtcOnHover()
    {
        Times.SetLocalZone("Europe/Berlin");
        Times.SetMode(TimeDisplayMode.Local);

        var time = RenderTime(TenOClock).Find("time");

        Assert.Equal("2026-03-04 11:00", time.TextContent);
        Assert.Equal("2026-03-04 10:00:00 UTC (2026-03-04 11:00:00 Europe/Berlin)", time.GetAttribute("title"));
    }

    [Fact]
    public void Render_LocalBeforeTheBrowserSaid_UtcLabelledAsSuch()
    {
        Times.SetMode(TimeDisplayMode.Local);

        Assert.Equal("2026-03-04 10:00 UTC", RenderTime(TenOClock).Find("time").TextContent);
    }

    [Fact]
    public void Render_Relative_AgoFromTheClockAndExactUtcOnHover()
    {
        Times.SetMode(TimeDisplayMode.Relative);

        var time = RenderTime(TenOClock).Find("time");

        Assert.Equal("2 hours ago", time.TextContent);
        Assert.Equal("2026-03-04 10:00:00 UTC", time.GetAttribute("title"));
    }

    [Fact]
    public void Render_NoTime_Dash()
    {
        var time = RenderTime(null).Find("time");

        Assert.Equal("–", time.TextContent);
        Assert.False(time.HasAttribute("datetime"));
    }

    [Fact]
    public void SetMode_AfterRender_ReRendersInTheNewMode()
    {
        var cut = RenderTime(TenOClock);

        cut.InvokeAsync(() => Times.SetMode(TimeDisplayMode.Relative));

        cut.WaitForAssertion(() => Assert.Equal("2 hours ago", cut.Find("time").TextContent), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SetLocalZone_AfterRender_ReRendersInTheBrowsersZone()
    {
        Times.SetMode(TimeDisplayMode.Local);
        var cut = RenderTime(TenOClock);

        cut.InvokeAsync(() => Times.SetLocalZone("America/New_York"));

        cut.WaitForAssertion(() => Assert.Equal("2026-03-04 05:00", cut.Find("time").TextContent), TimeSpan.FromSeconds(2));
    }
}
