using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Reading the team page and the dashboard's own endpoints the way the journeys compare them.</summary>
internal static class TeamGrid
{
    private const string ReadRows =
        """
        e => [...e.querySelectorAll('tbody tr')]
            .map(tr => {
                const link = tr.querySelector('[data-testid=user-link]');
                const worst = tr.querySelector('.status-badge');
                return link ? [link.textContent.trim(), worst ? worst.dataset.status : ''] : null;
            })
            .filter(row => row !== null)
        """;

    /// <summary>
    /// Every row the virtualized grid holds, user id → worst status, read by scrolling it from top to bottom in
    /// half-screen steps (only the rows in view exist in the page at any time).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAllRowsAsync(IPage page)
    {
        var grid = page.Locator("[data-testid=team-grid]");
        var scroller = grid.Locator(".mud-table-container");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await scroller.EvaluateAsync("e => e.scrollTop = 0");
        for (var step = 0; step < 400; step++)
        {
            await page.WaitForTimeoutAsync(250);
            foreach (var row in await grid.EvaluateAsync<string[][]>(ReadRows))
            {
                rows[row[0]] = row[1];
            }

            var atBottom = await scroller.EvaluateAsync<bool>("e => e.scrollTop + e.clientHeight >= e.scrollHeight - 1");
            if (atBottom)
            {
                // The last rows may still be on their way from the server.
                await page.WaitForTimeoutAsync(500);
                foreach (var row in await grid.EvaluateAsync<string[][]>(ReadRows))
                {
                    rows[row[0]] = row[1];
                }

                await scroller.EvaluateAsync("e => e.scrollTop = 0");
                return rows;
            }

            await scroller.EvaluateAsync("e => e.scrollBy(0, Math.max(100, e.clientHeight / 2))");
        }

        throw new InvalidOperationException("The grid never reached its last row.");
    }

    /// <summary>The number in the grid's <c>data-rows</c>: how many users the current view holds.</summary>
    public static async Task<int> RowCountAsync(IPage page) =>
        int.Parse(await page.Locator("[data-testid=team-grid]").GetAttributeAsync("data-rows") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>The count shown on a status link at the top (<c>a.status-count[data-status]</c>).</summary>
    public static async Task<int> StatusCountAsync(IPage page, string status) =>
        int.Parse(await page.Locator($"a.status-count[data-status='{status}']").GetAttributeAsync("data-count") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>
    /// Clicks a status count at the top of the team page and waits until the grid shows that view: the link marked
    /// current and the grid holding as many users as the link counted. Returns that count.
    /// </summary>
    public static async Task<int> FilterByStatusAsync(IPage page, string status)
    {
        var link = page.Locator($"a.status-count[data-status='{status}']");
        var count = await StatusCountAsync(page, status);
        await link.ClickAsync();
        await Assertions.Expect(link).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.Locator("[data-testid=team-grid]")).ToHaveAttributeAsync("data-rows", count.ToString(CultureInfo.InvariantCulture));
        await BrowserSession.WaitForGridRowsAsync(page);
        return count;
    }

    /// <summary>GET <c>/api/users/{id}/diagnosis</c>, as a script would.</summary>
    public static async Task<JsonElement> DiagnosisAsync(DashboardFixture fixture, string userId)
    {
        var json = await fixture.DashboardHttp.GetStringAsync(new Uri($"/api/users/{userId}/diagnosis", UriKind.Relative), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
