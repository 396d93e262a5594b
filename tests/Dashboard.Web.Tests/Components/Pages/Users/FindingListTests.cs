using Bunit;
using Dashboard.Diagnosis;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Components.Pages.Users;

public sealed class FindingListTests : DashboardContext
{
    private readonly List<string> _selected = [];

    private IRenderedComponent<FindingList> RenderList(params Finding[] findings) =>
        Render<FindingList>(p => p.Add(c => c.Findings, findings).Add(c => c.OnSelect, EventCallback.Factory.Create<string>(this, _selected.Add)));

    private static Finding Finding(string code, Severity severity, string? provider = null, string? resource = null, FindingEvidence? evidence = null) => new()
    {
        Code = code,
        Severity = severity,
        Provider = provider,
        Resource = resource,
        Title = $"Title of {code}",
        Explanation = $"Explanation of {code}.",
        Action = $"Action for {code}.",
        Evidence = evidence ?? FindingEvidence.None,
    };

    [Fact]
    public void Render_NoFindings_NothingToActOn()
    {
        var cut = RenderList();

        Assert.Equal("Nothing to act on: every pull looks as expected.", Markup.Text(cut.Find("[data-testid=no-findings]").TextContent));
    }

    [Fact]
    public void Render_Finding_SeverityBadgeTitleCodeExplanationAndNextStep()
    {
        var cut = RenderList(Finding("pull_retrying", Severity.Warning));

        var finding = cut.Find(".finding");
        Assert.Contains("finding-warning", finding.ClassList);
        Assert.Equal("Warning", finding.QuerySelector("span.severity-badge")!.TextContent.Trim());
        Assert.Equal("Title of pull_retrying", finding.QuerySelector("h3")!.TextContent);
        Assert.Equal("pull_retrying", finding.QuerySelector("code.finding-code")!.TextContent);
        Assert.Contains("Explanation of pull_retrying.", finding.TextContent, StringComparison.Ordinal);
        Assert.Contains("Next step: Action for pull_retrying.", Markup.Text(finding.TextContent), StringComparison.Ordinal);
        Assert.Null(finding.QuerySelector(".evidence"));
    }

    [Fact]
    public void Render_EvidenceAboutAPull_TraceReleaseErrorDetailsAndAWayToShowThePull()
    {
        var cut = RenderList(Finding("pull_failed", Severity.Critical, "oura", "sleep",
            new FindingEvidence { TraceId = "abc", Release = "1.2.3", ErrorDetails = "some_new_reason" }));

        var evidence = Markup.Text(cut.Find(".evidence").TextContent);
        Assert.Contains("Trace id abc", evidence, StringComparison.Ordinal);
        Assert.Contains("Release 1.2.3", evidence, StringComparison.Ordinal);
        Assert.Contains("Error details some_new_reason", evidence, StringComparison.Ordinal);

        cut.FindAll(".evidence a").Single(a => a.TextContent == "Show this pull").Click();

        Assert.Equal(["oura/sleep"], _selected);
    }

    [Fact]
    public void Render_ProviderWideFinding_ResourcesNamedAndNoPullToShow()
    {
        var cut = RenderList(Finding("resources_not_pulled", Severity.Warning, "oura", evidence: new FindingEvidence { Resources = ["heart_rate", "sleep"] }));

        Assert.Contains("Not pulled: heart_rate, sleep", cut.Find(".evidence").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".evidence a"));
    }

    [Fact]
    public void Render_MarkupInTheFinding_ShownAsText()
    {
        var cut = RenderList(Finding("unknown_status", Severity.Warning, "<b>p</b>", "<i>r</i>", new FindingEvidence { ErrorDetails = "<script>x</script>", TraceId = "<u>t</u>" }));

        Assert.Empty(cut.FindAll(".finding b:not(.mud-typography b), .finding i, .finding script, .finding u"));
        Assert.Contains("<script>x</script>", cut.Find(".evidence").TextContent, StringComparison.Ordinal);
        Assert.Contains("<u>t</u>", cut.Find(".evidence").TextContent, StringComparison.Ordinal);
    }
}
