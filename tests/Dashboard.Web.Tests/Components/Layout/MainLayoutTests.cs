using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Components.Layout;

public sealed class MainLayoutTests : DashboardContext
{
    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"page\">the page</p>"))));

    [Fact]
    public void Render_Page_InsideTheShellWithNavigationAndTimeSwitch()
    {
        var cut = RenderLayout();

        Assert.Equal("the page", cut.Find("#page").TextContent);
        Assert.NotNull(cut.Find("nav[aria-label=Main], [aria-label=Main]"));
        Assert.Equal(3, cut.FindAll(".time-mode-switch .mud-toggle-item").Count);
    }

    /// <remarks>The theme is the page's stylesheet (<c>ThemeStylesheet</c>): a circuit holds no copy of it, and the
    /// browser applies the dark palette itself.</remarks>
    [Fact]
    public void Render_NoThemeTextInTheCircuit_AndNoQuestionAboutTheColourScheme()
    {
        var cut = RenderLayout();
        cut.Render();

        Assert.Empty(cut.FindAll("style"));
        Assert.DoesNotContain("--mud-palette", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier.Contains("dark", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Render_Demo_ChipAndBanner()
    {
        Environment.IsDemo = true;

        var cut = RenderLayout();

        Assert.Contains("Demo data", cut.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
        Assert.Contains("Demo data.", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstRender_AsksTheBrowsersZoneOnce()
    {
        JSInterop.Setup<string?>("dashboard.timeZone").SetResult("Europe/Berlin");

        var cut = RenderLayout();
        cut.Render();

        cut.WaitForAssertion(() => Assert.True(Times.LocalZoneKnown), TimeSpan.FromSeconds(2));
        Assert.Equal("Europe/Berlin", Times.LocalZone.Id);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "dashboard.timeZone");
    }

    [Fact]
    public void FirstRender_BrowserCannotSay_StaysUtc()
    {
        JSInterop.Setup<string?>("dashboard.timeZone").SetResult("Not/AZone");

        RenderLayout();

        Assert.False(Times.LocalZoneKnown);
        Assert.Equal(TimeZoneInfo.Utc, Times.LocalZone);
    }
}
