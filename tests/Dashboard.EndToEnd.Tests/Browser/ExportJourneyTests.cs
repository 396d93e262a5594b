using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Journey 10: what goes into a ticket: a diagnosis copied as Markdown (or saved as JSON), the grid downloaded as CSV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportJourneyTests(DashboardFixture fixture)
{
    /// <summary>The CSV's columns, a contract scripts rely on (README, <c>/api/users.csv</c>).</summary>
    private static readonly string[] CsvHeader =
    [
        "user_id", "provider", "resource", "status", "error_details", "range_start", "range_end", "days_with_data",
        "coverage", "scheduled_at", "started_at", "ended_at", "release", "trace_id", "worst_finding",
        "client_user_id", "newest_data", "last_attempt", "last_attempt_status", "stale",
        "connection_status", "connection_error_type", "connection_read_at",
    ];

    private static readonly string[] ClipboardPermissions = ["clipboard-read", "clipboard-write"];

    [Fact]
    public Task Journey10_CopyAsMarkdown_TheClipboardHoldsTheDiagnosisForATicket_AndDownloadJsonSavesIt() =>
        fixture.RunJourneyAsync("journey-10-markdown", async session =>
        {
            var page = session.Page;
            var userId = fixture.Simulator.User("failed_provider_unavailable");
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();
            var headline = (await page.Locator("[data-testid=headline]").InnerTextAsync()).Trim();
            var codes = await page.Locator("[data-testid=findings] [data-code]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)");
            Assert.Contains("pull_failed", codes);

            await page.Locator("[data-testid=copy-markdown]").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Markdown summary copied to the clipboard.");
            var markdown = await session.ReadClipboardAsync();

            Assert.StartsWith($"## Vital diagnosis for user `{userId}`\n", markdown, StringComparison.Ordinal);
            Assert.Contains($":** {headline}", markdown, StringComparison.Ordinal);
            Assert.Contains($"[Open in the dashboard]({new Uri(fixture.DashboardUrl, $"/users/{userId}")})", markdown, StringComparison.Ordinal);
            Assert.All(codes, code => Assert.Contains($"`{code}`", markdown, StringComparison.Ordinal));
            var traces = await page.Locator("[data-testid=findings] .evidence code").AllInnerTextsAsync();
            Assert.All(traces, trace => Assert.Contains(trace.Trim(), markdown, StringComparison.Ordinal));

            // From the findings on, word for word what the Markdown endpoint gives a script.
            var fromApi = await fixture.DashboardHttp.GetStringAsync(new Uri($"/api/users/{userId}/diagnosis.md", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(Section(fromApi), Section(markdown));

            // Download JSON saves the diagnosis and leaves the page where it was.
            var json = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-json]").ClickAsync());
            Assert.Equal($"diagnosis-{userId}.json", json.SuggestedFilename);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync(), TestContext.Current.CancellationToken));
            Assert.Equal(userId, document.RootElement.GetProperty("userId").GetString());
            await Expect(page).ToHaveURLAsync(new Regex($"/users/{userId}$"));
            await session.WaitForUserAsync();
        },
        options => options.Permissions = ClipboardPermissions);

    [Fact]
    public Task Journey10_DownloadCsv_TheFileHoldsTheRowsOfTheFilteredGrid() =>
        fixture.RunJourneyAsync("journey-10-csv", async session =>
        {
            var page = session.Page;
            await session.GotoAsync("/?status=failure");
            await session.WaitForTeamAsync();
            var grid = await TeamGrid.ReadAllRowsAsync(page);
            Assert.NotEmpty(grid);

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-csv]").ClickAsync());
            Assert.Matches(@"^vital-historical-pulls-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
            var saved = Path.Combine(fixture.ScreenshotDirectory, "journey-10-team-failed.csv");
            await download.SaveAsAsync(saved);
            var (header, rows) = Csv.Table(await File.ReadAllTextAsync(saved, TestContext.Current.CancellationToken));

            Assert.Equal(CsvHeader, header);
            Assert.All(rows, row => Assert.Equal("failure", row["status"]));
            Assert.All(rows, row => Assert.Equal("pull_failed", row["worst_finding"]));
            Assert.Equal(grid.Keys.Order(StringComparer.Ordinal), rows.Select(r => r["user_id"]).Distinct().Order(StringComparer.Ordinal));

            // Downloading left the page where it was.
            await Expect(page).ToHaveURLAsync(new Regex(@"/\?status=failure$"));
            await Expect(page.Locator("[data-testid=team-grid]")).ToBeVisibleAsync();
        });

    private static string Section(string markdown)
    {
        var at = markdown.IndexOf("### Findings", StringComparison.Ordinal);
        Assert.True(at > 0, "no findings section in:\n" + markdown);
        return markdown[at..].Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
