using System.Text.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// Journeys 13 and 14: a ticket names the customer's own id (paste it, land on the user, see the revoked token first,
/// copy the escalation pack); and the users whose data stopped arriving (filter the grid to them, open one, see why).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WholeDiagnosisJourneyTests(DashboardFixture fixture)
{
    private static readonly string[] ClipboardPermissions = ["clipboard-read", "clipboard-write"];

    /// <summary>Findings that explain silent data: stale itself, or a connection that is broken, paused or unknown.</summary>
    private static readonly string[] ExplainSilence = ["data_stale", "connection_error", "connection_paused", "unknown_connection_status", "data_delay_normal"];

    [Fact]
    public Task Journey13_PasteAClientIdIntoTheSearch_LandOnTheUser_RevokedTokenFirst_CopyTheEscalationPack() =>
        fixture.RunJourneyAsync("journey-13-client-id", async session =>
        {
            var page = session.Page;
            var userId = fixture.Simulator.User("revoked_token");
            var clientUserId = (await TeamGrid.DiagnosisAsync(fixture, userId)).GetProperty("clientUserId").GetString()!;
            await session.GotoAsync("/");
            await session.WaitForTeamAsync();

            await page.GetByLabel("Vital user id or your own id").FillAsync(clientUserId);

            await Expect(page).ToHaveURLAsync(new Regex($"/users/{userId}$"), new() { Timeout = 20_000 });
            await session.WaitForUserAsync();
            await Expect(page.Locator("[data-testid=still-reading]")).ToHaveCountAsync(0);
            var first = page.Locator("[data-testid=findings] [data-code]").First;
            await Expect(first).ToHaveAttributeAsync("data-code", "connection_error");
            await Expect(first.Locator("h3")).ToContainTextAsync("access revoked or expired");
            await Expect(page.Locator("[data-testid=user-header]")).ToContainTextAsync(clientUserId);

            await page.Locator("[data-testid=copy-markdown]").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Markdown summary copied to the clipboard.");
            var markdown = await session.ReadClipboardAsync();
            Assert.Contains("### For Vital support", markdown, StringComparison.Ordinal);
            Assert.Contains($"- Vital user id: `{userId}`", markdown, StringComparison.Ordinal);
            Assert.Contains("- Client user id: ", markdown, StringComparison.Ordinal);
            Assert.Contains("`token_refresh_failed`", markdown, StringComparison.Ordinal);
            Assert.Contains("### Connections", markdown, StringComparison.Ordinal);
            await session.ScreenshotAsync("journey-13-client-id-user");
        },
        options => options.Permissions = ClipboardPermissions);

    [Fact]
    public Task Journey14_FilterTheGridToStaleUsers_OpenOne_ThePageSaysWhyTheDataStopped() =>
        fixture.RunJourneyAsync("journey-14-stale", async session =>
        {
            var page = session.Page;
            await session.GotoAsync("/");
            await session.WaitForTeamAsync();
            var staleCount = page.Locator("a.status-count[data-status=stale]");
            var count = int.Parse(await staleCount.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count > 0, "the simulated team has users whose data stopped arriving");

            await staleCount.ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]stale=true"));
            await session.WaitForTeamAsync();
            await Expect(page.Locator("[data-testid=row-count]")).ToContainTextAsync($"{count} users");
            var rows = page.Locator("[data-testid=team-grid] tbody tr.mud-table-row");
            await Expect(rows.First.Locator("[data-testid=stale-label]")).ToBeVisibleAsync();
            var userId = (await rows.First.Locator("[data-testid=user-link]").InnerTextAsync()).Trim();

            await rows.First.Locator("[data-testid=user-link]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/users/{userId}"));
            await session.WaitForUserAsync();
            await Expect(page.Locator("[data-testid=still-reading]")).ToHaveCountAsync(0);
            var diagnosis = await TeamGrid.DiagnosisAsync(fixture, userId);
            var staleProviders = diagnosis.GetProperty("providers").EnumerateArray()
                .Where(p => p.GetProperty("resources").EnumerateArray().Any(r =>
                    r.TryGetProperty("freshness", out var f) && f.ValueKind == JsonValueKind.Object
                    && f.GetProperty("newestData").GetString() is { } newest
                    && DateTimeOffset.Parse(newest, System.Globalization.CultureInfo.InvariantCulture) < DateTimeOffset.UtcNow.AddDays(-3)))
                .Select(p => p.GetProperty("provider").GetString())
                .ToList();
            Assert.NotEmpty(staleProviders);
            var explained = await page.Locator("[data-testid=findings] [data-code]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)");
            Assert.Contains(explained, ExplainSilence.Contains);
            await session.ScreenshotAsync("journey-14-stale-user");
        });
}
