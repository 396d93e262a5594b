using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class StatusLegendTests : BunitContext
{
    public StatusLegendTests() => this.UseMudBlazor();

    [Fact]
    public void Render_FiveStatusesLegacyErrorAndUnknown_EachWithIconColourAndText()
    {
        var cut = Render<StatusLegend>();

        var items = cut.FindAll("[role=listitem]");
        Assert.Equal(
            ["Failed", "Failed (legacy 'error')", "Retrying", "Scheduled", "In progress", "Succeeded", "Unknown (shown as sent)"],
            items.Select(i => i.TextContent.Trim()));
        Assert.All(items.Zip(StatusPalette.Legend), pair =>
        {
            var icon = pair.First.QuerySelector("svg")!;
            Assert.Equal($"color: {pair.Second.CssColor}", icon.GetAttribute("style"));
            Assert.Equal(pair.Second.Icon.Id, Markup.IconId(icon));
        });
        Assert.Equal("Status legend", cut.Find("[role=list]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_Entries_MatchTheBadgesOfTheSameStatuses()
    {
        var legend = Render<StatusLegend>().FindAll("[role=listitem] svg");

        string?[] statuses = ["failure", "error", "retrying", "scheduled", "in_progress", "success", "anything_new"];
        var badges = statuses.Select(s => Render<StatusBadge>(p => p.Add(c => c.Status, new PullStatus(s!))).Find("svg")).ToList();

        Assert.Equal(badges.Select(b => b.OuterHtml), legend.Select(l => l.OuterHtml));
    }
}
