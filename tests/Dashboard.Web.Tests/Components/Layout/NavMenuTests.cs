using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Tests.Components.Layout;

public sealed class NavMenuTests : DashboardContext
{
    private static IReadOnlyList<string?> Hrefs(IRenderedComponent<NavMenu> cut) => [.. cut.FindAll("a").Select(a => a.GetAttribute("href"))];

    [Fact]
    public void Render_Utc_PlainLinks()
    {
        var cut = Render<NavMenu>();

        Assert.Equal(["/", "/providers", "/changes"], Hrefs(cut));
        Assert.Equal(["Team", "Providers", "What changed"], cut.FindAll("a").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [InlineData(TimeDisplayMode.Local, "local")]
    [InlineData(TimeDisplayMode.Relative, "relative")]
    public void Render_OtherTimeMode_LinksKeepTz(TimeDisplayMode mode, string tz)
    {
        Times.SetMode(mode);

        var cut = Render<NavMenu>();

        Assert.Equal([$"/?tz={tz}", $"/providers?tz={tz}", $"/changes?tz={tz}"], Hrefs(cut));
    }

    [Fact]
    public void ModeChanges_LinksFollow()
    {
        var cut = Render<NavMenu>();

        cut.InvokeAsync(() => Times.SetMode(TimeDisplayMode.Local));

        cut.WaitForAssertion(() => Assert.Equal(["/?tz=local", "/providers?tz=local", "/changes?tz=local"], Hrefs(cut)), TimeSpan.FromSeconds(2));
    }
}
