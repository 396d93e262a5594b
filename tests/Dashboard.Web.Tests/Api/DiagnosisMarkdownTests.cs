using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Api;

/// <summary><c>/api/users/{userId}/diagnosis.md</c> in demo mode: the ticket-ready text of the same diagnosis as the JSON.</summary>
public sealed class DiagnosisMarkdownTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    private const string TableHeader = "| Resource | Status | Range | Days with data | Scheduled | Started | Ended | Error details | Release | Trace id |";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("failed_retry_quota_exhausted")]
    [InlineData("retrying_provider_unavailable")]
    [InlineData(ScenarioNames.NotPulled)]
    [InlineData(ScenarioNames.StuckScheduled)]
    [InlineData(ScenarioNames.ManyResources)]
    [InlineData(ScenarioNames.UnknownStatus)]
    [InlineData(ScenarioNames.NotPulledOnly)]
    public async Task Markdown_User_HasHeadlineFindingsNextStepsATablePerProviderTraceIdsAndTheLink(string scenario)
    {
        var userId = dashboard.UserOf(scenario);
        var json = await JsonAsync(userId);

        var (response, markdown) = await MarkdownAsync(userId);

        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var text = MarkdownText.Unescaped(markdown);
        Assert.Contains(userId, markdown, StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("headline").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains($"(http://localhost/users/{userId})", markdown, StringComparison.Ordinal);

        var findings = DiagnosisShape.Array(json, "findings").ToList();
        foreach (var finding in findings)
        {
            Assert.Contains(finding.GetProperty("title").GetString()!, text, StringComparison.Ordinal);
            Assert.Contains("**Next step:** " + finding.GetProperty("action").GetString(), text, StringComparison.Ordinal);
            Assert.Contains($"`{finding.GetProperty("code").GetString()}`", markdown, StringComparison.Ordinal);
        }

        var providers = DiagnosisShape.Array(json, "providers").ToList();
        var withPulls = providers.Where(p => p.GetProperty("resources").GetArrayLength() > 0).ToList();
        Assert.Equal(withPulls.Count, CountLines(markdown, TableHeader));
        var rows = markdown.Split('\n').Where(l => l.StartsWith('|') && l != TableHeader && !l.StartsWith("|---", StringComparison.Ordinal)).ToList();
        Assert.Equal(withPulls.Sum(p => p.GetProperty("resources").GetArrayLength()), rows.Count);
        Assert.All(rows, row => Assert.Equal(10, MarkdownText.Cells(row).Count));

        foreach (var resource in withPulls.SelectMany(p => DiagnosisShape.Array(p, "resources")))
        {
            if (resource.GetProperty("traceId").GetString() is { } trace)
            {
                Assert.Contains($"`{trace}`", markdown, StringComparison.Ordinal);
            }
        }

        foreach (var notPulled in providers.SelectMany(p => DiagnosisShape.Array(p, "notPulled")))
        {
            Assert.Contains($"`{notPulled.GetString()}`", markdown, StringComparison.Ordinal);
        }

        MarkdownText.NoLiveHtml(markdown);
    }

    [Fact]
    public async Task Markdown_FailedPull_NamesTheTraceIdInTheFindingForVitalSupport()
    {
        var userId = dashboard.UserOf("failed_retry_quota_exhausted");
        var json = await JsonAsync(userId);
        var trace = DiagnosisShape.Array(json, "findings").Single().GetProperty("evidence").GetProperty("traceId").GetString();

        var (_, markdown) = await MarkdownAsync(userId);

        var findingsSection = markdown[markdown.IndexOf("### Findings", StringComparison.Ordinal)..markdown.IndexOf("\n### ", markdown.IndexOf("### Findings", StringComparison.Ordinal) + 1, StringComparison.Ordinal)];
        Assert.Contains($"Trace id `{trace}`", findingsSection, StringComparison.Ordinal);
        Assert.Contains("error details `retry_quota_exhausted`", findingsSection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_HealthyUser_SaysThereAreNoFindings()
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        var (_, markdown) = await MarkdownAsync(userId);

        Assert.Contains("No findings", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### Findings", markdown, StringComparison.Ordinal);
        Assert.Contains("**OK:**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_UserWithoutPulls_HasTheNoPullDataFindingAndNoTable()
    {
        var (_, markdown) = await MarkdownAsync(dashboard.UserOf(ScenarioNames.NoPulls));

        Assert.Contains("`no_pull_data`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(TableHeader, markdown, StringComparison.Ordinal);
    }

    private async Task<JsonElement> JsonAsync(string userId)
    {
        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private async Task<(HttpResponseMessage Response, string Markdown)> MarkdownAsync(string userId)
    {
        var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis.md", Ct);
        var markdown = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, markdown);
        return (response, markdown);
    }

    private static int CountLines(string text, string line) => text.Split('\n').Count(l => l == line);
}
