using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class StatusBadgeTests : BunitContext
{
    public StatusBadgeTests() => this.UseMudBlazor();

    private IElement RenderBadge(string? status, string? title = null) =>
        Render<StatusBadge>(p => p.Add(c => c.Status, status is null ? null : new PullStatus(status)).Add(c => c.Title, title)).Find("span.status-badge");

    [Theory]
    [InlineData("success", "Succeeded", "status-success", "var(--mud-palette-success)")]
    [InlineData("failure", "Failed", "status-failure", "var(--mud-palette-error)")]
    [InlineData("retrying", "Retrying", "status-retrying", "var(--mud-palette-warning)")]
    [InlineData("in_progress", "In progress", "status-in-progress", "var(--mud-palette-info)")]
    [InlineData("scheduled", "Scheduled", "status-scheduled", "var(--mud-palette-action-default)")]
    [InlineData("error", "Failed (legacy 'error')", "status-error", "var(--mud-palette-error)")]
    [InlineData("paused", "Unknown: paused", "status-unknown", "var(--mud-palette-secondary)")]
    public void Render_Status_IconColourAndText(string status, string label, string cssClass, string colour)
    {
        var badge = RenderBadge(status);

        Assert.Equal(label, badge.TextContent.Trim());
        Assert.Contains(cssClass, badge.ClassList);
        Assert.Equal(status, badge.GetAttribute("data-status"));
        var icon = badge.QuerySelector("svg")!;
        Assert.Equal($"color: {colour}", icon.GetAttribute("style"));
        Assert.Equal("true", icon.GetAttribute("aria-hidden"));
        Assert.Equal(StatusPalette.For(new PullStatus(status)).Icon.Id, Markup.IconId(icon));
    }

    [Fact]
    public void Render_EachStatus_HasItsOwnIconSoColourIsNeverAlone()
    {
        string[] statuses = ["success", "failure", "retrying", "in_progress", "scheduled", "error", "paused"];

        var icons = statuses.Select(s => RenderBadge(s).QuerySelector("svg")!.InnerHtml).ToList();

        Assert.Equal(statuses.Length, icons.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Render_NoStatus_SaysSo()
    {
        var badge = RenderBadge(null);

        Assert.Equal("Nothing pulled", badge.TextContent.Trim());
        Assert.Contains("status-none", badge.ClassList);
    }

    [Fact]
    public void Render_MarkupLookingStatus_ShownVerbatimAsText()
    {
        var badge = RenderBadge("<b>x</b>");

        Assert.Equal("Unknown: <b>x</b>", badge.TextContent.Trim());
        Assert.Empty(badge.QuerySelectorAll("b"));
        Assert.Equal("<b>x</b>", badge.GetAttribute("data-status"));
    }

    [Fact]
    public void Render_Title_IsTheHoverText()
    {
        var badge = RenderBadge("retrying", title: "provider_unavailable");

        Assert.Equal("provider_unavailable", badge.GetAttribute("title"));
    }

    [Fact]
    public void Render_StatusChanges_BadgeFollows()
    {
        var cut = Render<StatusBadge>(p => p.Add(c => c.Status, PullStatus.InProgress));

        cut.Render(p => p.Add(c => c.Status, PullStatus.Success));

        Assert.Equal("Succeeded", cut.Find("span.status-badge").TextContent.Trim());
    }
}
