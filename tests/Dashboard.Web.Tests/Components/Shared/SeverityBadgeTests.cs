using Bunit;
using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class SeverityBadgeTests : BunitContext
{
    public SeverityBadgeTests() => this.UseMudBlazor();

    [Theory]
    [InlineData(Severity.Critical, "critical", "Critical", "mud-error-text")]
    [InlineData(Severity.Warning, "warning", "Warning", "mud-warning-text")]
    [InlineData(Severity.Info, "info", "Info", "mud-info-text")]
    [InlineData(Severity.Ok, "ok", "OK", "mud-success-text")]
    public void Render_Severity_IconColourAndText(Severity severity, string wire, string text, string colourClass)
    {
        var badge = Render<SeverityBadge>(p => p.Add(c => c.Severity, severity)).Find("span.severity-badge");

        Assert.Equal(wire, badge.GetAttribute("data-severity"));
        Assert.Contains($"severity-{wire}", badge.ClassList);
        Assert.Equal(text, badge.TextContent.Trim());
        var icon = badge.QuerySelector("svg")!;
        Assert.Contains(colourClass, icon.ClassList);
        Assert.Equal(SeverityBadge.IconFor(severity).Id, Markup.IconId(icon));
    }

    [Fact]
    public void Render_EachSeverity_HasItsOwnIcon()
    {
        var icons = Enum.GetValues<Severity>().Select(SeverityBadge.IconFor).ToList();

        Assert.Equal(icons.Count, icons.Distinct().Count());
    }

    [Fact]
    public void Render_HideText_IconKeepsTheSeverityAsHoverTextAndAccessibleName()
    {
        var badge = Render<SeverityBadge>(p => p.Add(c => c.Severity, Severity.Warning).Add(c => c.HideText, true)).Find("span.severity-badge");

        Assert.Equal(string.Empty, badge.TextContent.Trim());
        Assert.Equal("Warning", badge.GetAttribute("title"));
        Assert.Equal("Warning", badge.GetAttribute("aria-label"));
    }
}
