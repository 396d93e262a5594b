using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Upstream values are data, never markup: a stub upstream sends statuses, resource names and other values full of
/// HTML, Markdown and table syntax, and the Markdown export must show them as text with its tables intact.
/// </summary>
public sealed class DiagnosisMarkdownEscapingTests(LiveDashboard dashboard) : IClassFixture<LiveDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "a|b`c`d",
        "``x`` | y",
        "**bold** [click](javascript:alert(1)) <img src=x onerror=alert(1)>",
        "line\n| forged | row | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |",
        "back\\|slash",
        "# heading !",
    ];

    public static TheoryData<string> HostileValues() => [.. Hostile];

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Markdown_HostileStatus_IsEscapedTextAndTheTableHolds(string value)
    {
        var markdown = await MarkdownForAsync(UpstreamJson.Pull(value), "sleep");

        AssertSafe(markdown, expectedRows: 1);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Markdown_HostileResourceName_IsEscapedTextAndTheTableHolds(string value)
    {
        var markdown = await MarkdownForAsync(UpstreamJson.Pull("failure"), value);

        AssertSafe(markdown, expectedRows: 1);
        Assert.Contains(value.Replace('\n', ' '), MarkdownText.Unescaped(markdown), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Markdown_HostileReleaseTraceAndErrorDetails_StayInsideTheirCells(string value)
    {
        var pull = UpstreamJson.Pull("failure");
        pull["release"] = value;
        pull["trace_id"] = value;
        pull["error_details"] = value;

        var markdown = await MarkdownForAsync(pull, "sleep");

        AssertSafe(markdown, expectedRows: 1);
    }

    [Fact]
    public async Task Markdown_HostileNotPulledName_IsQuotedAsCode()
    {
        var userId = Guid.NewGuid().ToString();
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.OnePull(userId, "oura", "sleep", UpstreamJson.Pull(), Hostile)));

        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis.md", Ct);
        var markdown = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSafe(markdown, expectedRows: 1);
    }

    private async Task<string> MarkdownForAsync(JsonObject pull, string resource)
    {
        var userId = Guid.NewGuid().ToString();
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.OnePull(userId, "oura", resource, pull)));

        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis.md", Ct);
        var markdown = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, markdown);
        return markdown;
    }

    private static void AssertSafe(string markdown, int expectedRows)
    {
        Assert.DoesNotContain("<script>", markdown, StringComparison.OrdinalIgnoreCase);
        MarkdownText.NoLiveHtml(markdown);

        // The resources table: header, delimiter and exactly the expected rows, each with its twelve cells.
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("| Resource |", StringComparison.Ordinal));
        var tableLines = lines.Skip(start).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(2 + expectedRows, tableLines.Count);
        Assert.All(tableLines, line => Assert.Equal(12, MarkdownText.Cells(line).Count));
        Assert.Equal(2 + expectedRows + 3, lines.Count(l => l.StartsWith('|')));

        // No line break, heading or list item smuggled in from a value: every line is one the export writes.
        Assert.DoesNotContain(markdown.Split('\n'), l => l.StartsWith("# ", StringComparison.Ordinal));
    }
}
