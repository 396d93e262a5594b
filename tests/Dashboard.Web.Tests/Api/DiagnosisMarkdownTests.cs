using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Api;

/// <summary><c>/api/users/{userId}/diagnosis.md</c> in demo mode: the ticket-ready text of the same diagnosis as the JSON.</summary>
public sealed class DiagnosisMarkdownTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    private const string TableHeader = "| Resource | Status | Range | Days with data | Scheduled | Started | Ended | Newest data | Last attempt | Error details | Release | Trace id |";

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
        var resourceSections = markdown[markdown.IndexOf(TableHeader, StringComparison.Ordinal)..];
        var rows = resourceSections.Split('\n').Where(l => l.StartsWith('|') && l != TableHeader && !l.StartsWith("|---", StringComparison.Ordinal)).ToList();
        Assert.Equal(withPulls.Sum(p => p.GetProperty("resources").GetArrayLength()), rows.Count);
        Assert.All(rows, row => Assert.Equal(12, MarkdownText.Cells(row).Count));

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
    public async Task Markdown_BrokenConnection_IsAnEscalationPackForVitalSupport()
    {
        var userId = dashboard.UserOf(ScenarioNames.RevokedToken);
        var json = await JsonAsync(userId);
        var connection = DiagnosisShape.Array(json, "connections").Single(c => c.GetProperty("status").GetString() == "error");

        var (_, markdown) = await MarkdownAsync(userId);

        var support = Section(markdown, "### For Vital support");
        Assert.Contains($"- Vital user id: `{userId}`", support, StringComparison.Ordinal);
        Assert.Contains($"- Client user id: {MarkdownText_Code(json.GetProperty("clientUserId").GetString()!)}", support, StringComparison.Ordinal);
        Assert.Contains($"- Team id: `{json.GetProperty("teamId").GetString()}`", support, StringComparison.Ordinal);
        var connections = Section(markdown, "### Connections");
        Assert.Contains("| Provider | Status | Error type | Error message | Errored at | External user id | Denied permissions |", connections, StringComparison.Ordinal);
        Assert.Contains("`token_refresh_failed`", connections, StringComparison.Ordinal);
        Assert.Contains(connection.GetProperty("erroredAt").GetString()![..10], connections, StringComparison.Ordinal);
        Assert.Contains("`connection_error`", Section(markdown, "### Findings"), StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("### Connections", StringComparison.Ordinal) < markdown.IndexOf(TableHeader, StringComparison.Ordinal));
    }

    private static string MarkdownText_Code(string value) => Dashboard.Web.Exports.DiagnosisMarkdown.Code(value);

    /// <summary>From a heading to the next one.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No '{heading}' in:\n{markdown}");
        var next = markdown.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? markdown[start..] : markdown[start..next];
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
    public async Task Markdown_UserWithoutPulls_HasTheNoPullDataFindingAndOnlyOngoingRows()
    {
        var (_, markdown) = await MarkdownAsync(dashboard.UserOf(ScenarioNames.NoPulls));

        Assert.Contains("`no_pull_data`", markdown, StringComparison.Ordinal);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Resource", StringComparison.Ordinal) && !l.StartsWith("| Provider", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => !r.Contains("No historical pull", StringComparison.Ordinal) && !r.Contains("`connected`", StringComparison.Ordinal));
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
