using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Journeys 1 and 2: the team grid, filtered by a status count, and on to one user.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamJourneyTests(DashboardFixture fixture)
{
    [Fact]
    public Task Journey01_FilterToFailedPulls_TheUrlChangesAndTheCountEqualsTheRowsShown() =>
        fixture.RunJourneyAsync("journey-01-team-failed", async session =>
        {
            var page = session.Page;
            await session.GotoAsync("/");
            await session.WaitForTeamAsync();
            await session.ScreenshotAsync("journey-01-team");
            var total = await TeamGrid.RowCountAsync(page);
            var failedBefore = await TeamGrid.StatusCountAsync(page, "failure");
            Assert.InRange(failedBefore, 1, total - 1);

            Assert.Equal(failedBefore, await TeamGrid.FilterByStatusAsync(page, "failure"));
            await Expect(page).ToHaveURLAsync(new Regex(@"/\?status=failure$"));
            var count = await TeamGrid.StatusCountAsync(page, "failure");
            Assert.Equal(failedBefore, count);
            await Expect(page.Locator("[data-testid=row-count]")).ToHaveTextAsync(new Regex($@"^\s*{count}\s+users\s+of\s+{total.ToString("N0", CultureInfo.InvariantCulture)}\s*$"));

            // Every row of the (virtualized) grid, scrolled through: as many as the count says, each with a failed pull.
            var rows = await TeamGrid.ReadAllRowsAsync(page);
            Assert.Equal(count, rows.Count);
            Assert.All(rows, row => Assert.Equal("failure", row.Value));
        });

    [Fact]
    public Task Journey01b_ProviderFilter_ItsOptionsAppearWhenOpened_ByKeyboardToo_AndOneChosenFiltersTheGrid() =>
        fixture.RunJourneyAsync("journey-01b-team-provider-filter", async session =>
        {
            var page = session.Page;
            await session.GotoAsync("/");
            await session.WaitForTeamAsync();
            var total = await TeamGrid.RowCountAsync(page);
            var input = page.Locator("input[aria-label='Filter by provider']");
            var options = page.Locator(".mud-popover-open .mud-list-item");

            // Closed, no option is shown; the keyboard opens the list. (That a closed select holds no option
            // components is the bUnit tests' to check: the DOM never showed them.)
            await Expect(page.Locator(".mud-list-item")).ToHaveCountAsync(0);
            await input.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(options.First).ToBeVisibleAsync();
            Assert.True(await options.CountAsync() > 1, "every provider of the team is offered");
            await page.Keyboard.PressAsync("Escape");
            await Expect(options).ToHaveCountAsync(0);

            // The mouse: choose the first provider; the URL and the grid follow, the closed select names it.
            await page.Locator(".filter-select").First.ClickAsync();
            var first = options.First;
            var name = (await first.InnerTextAsync()).Trim();
            await first.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]provider=[a-z0-9_]+"));
            await page.Keyboard.PressAsync("Escape");
            await Expect(input).ToHaveValueAsync(name);
            await Expect(page.Locator("[data-testid=team-grid]")).Not.ToHaveAttributeAsync("data-rows", total.ToString(CultureInfo.InvariantCulture));
            await session.ScreenshotAsync("journey-01b-provider-filter");
        });

    [Fact]
    public Task Journey01c_CopyAUsersIdFromTheGrid_CopiesItAndStaysOnTheGrid() =>
        fixture.RunJourneyAsync("journey-01c-team-copy-user-id", async session =>
        {
            var page = session.Page;
            await session.GotoAsync("/");
            await session.WaitForTeamAsync();
            var row = page.Locator("[data-testid=team-grid] tbody tr:has([data-testid=user-link])").Nth(1);
            var userId = (await row.Locator("[data-testid=user-link]").InnerTextAsync()).Trim();

            await row.Locator("button.copy-button").ClickAsync();

            await Expect(page.Locator(".mud-snackbar", new() { HasText = "Copied to the clipboard." })).ToBeVisibleAsync();
            Assert.Equal(userId, await session.ReadClipboardAsync());
            // The copy is the button's; the row's own click (open the user) must not follow it.
            await page.WaitForTimeoutAsync(500);
            Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        },
        options => options.Permissions = ["clipboard-read", "clipboard-write"]);

    [Fact]
    public Task Journey01d_OpenAProviderChipInTheGrid_OpensThatUsersPageOnThatProvider() =>
        fixture.RunJourneyAsync("journey-01d-team-provider-chip", async session =>
        {
            var page = session.Page;
            await session.GotoAsync("/");
            await session.WaitForTeamAsync();
            var row = page.Locator("[data-testid=team-grid] tbody tr:has(.provider-chip + .provider-chip)").First;
            var userId = (await row.Locator("[data-testid=user-link]").InnerTextAsync()).Trim();
            // The second chip: the page would open on the first provider anyway.
            var chip = row.Locator(".provider-chip").Nth(1);
            var provider = new Uri(new Uri(page.Url), await chip.GetAttributeAsync("href")).Query;
            Assert.StartsWith("?focus=", provider, StringComparison.Ordinal);

            await chip.ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/users/{userId}{Regex.Escape(provider)}$"));
            await Expect(page.Locator("[data-testid=user-id]")).ToHaveTextAsync(userId);
            // The row's own click (open the user, no provider) must not follow the chip's.
            await page.WaitForTimeoutAsync(700);
            Assert.EndsWith($"/users/{userId}{provider}", page.Url, StringComparison.Ordinal);
        });

    [Fact]
    public Task Journey02_OpenAUserFromTheGrid_FindingsProviderSectionsAndTheTimelineAreShown() =>
        fixture.RunJourneyAsync("journey-02-user-from-grid", async session =>
        {
            var page = session.Page;
            var userId = await OpenFirstFailedUserAsync(session);
            await Expect(page).ToHaveURLAsync(new Regex($"/users/{userId}$"));
            await Expect(page.Locator("[data-testid=user-id]")).ToHaveTextAsync(userId);

            // The same diagnosis a script reads from the JSON endpoint.
            var diagnosis = await TeamGrid.DiagnosisAsync(fixture, userId);
            await Expect(page.Locator("[data-testid=headline]")).ToHaveTextAsync(diagnosis.GetProperty("headline").GetString()!);

            var codes = diagnosis.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray();
            Assert.NotEmpty(codes);
            var findings = page.Locator("[data-testid=findings] [data-code]");
            await Expect(findings).ToHaveCountAsync(codes.Length);
            await Expect(findings.First).ToBeVisibleAsync();
            Assert.Equal(codes, await findings.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)"));

            var providers = diagnosis.GetProperty("providers").EnumerateArray().ToList();
            Assert.True(providers.Count > 1, $"the first failed user should have several providers, has {providers.Count}");
            await Expect(page.Locator("[data-testid=provider-tabs] [role=tab]")).ToHaveCountAsync(providers.Count);
            var shown = await ActiveProviderAsync(page, providers);
            var shownResources = shown.GetProperty("resources").GetArrayLength();
            var resourceRows = page.Locator($"[data-testid=provider-tabs] tr[data-key^='{shown.GetProperty("provider").GetString()}/']");
            await Expect(resourceRows).ToHaveCountAsync(shownResources);
            await Expect(resourceRows.First).ToBeVisibleAsync();

            // The timeline, over all providers: one row per pulled resource of every provider (a resource with ongoing
            // data only has no pull to draw).
            var keys = providers
                .SelectMany(p => p.GetProperty("resources").EnumerateArray()
                    .Where(r => r.GetProperty("status").ValueKind == JsonValueKind.String)
                    .Select(r => $"{p.GetProperty("provider").GetString()}/{r.GetProperty("resource").GetString()}"))
                .Order(StringComparer.Ordinal)
                .ToArray();
            var bars = page.Locator("svg.timeline-svg g.row[data-key]");
            await Expect(page.Locator("svg.timeline-svg")).ToBeVisibleAsync();
            await ShowEveryProviderOnTheTimelineAsync(page);

            await Expect(bars).ToHaveCountAsync(keys.Length);
            Assert.Equal(keys, (await bars.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.key)")).Order(StringComparer.Ordinal));
        });

    /// <summary>
    /// The timeline fits the provider in focus when pulls of minutes would be slivers on the whole span: widen it to
    /// every provider (the address then says <c>span=all</c>).
    /// </summary>
    internal static async Task ShowEveryProviderOnTheTimelineAsync(IPage page)
    {
        var allProviders = page.Locator("[data-testid=timeline-span]").GetByText("All providers", new() { Exact = true });
        if (await allProviders.CountAsync() > 0)
        {
            await allProviders.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("[?&]span=all(&|$)"));
        }
    }

    /// <summary>Opens <c>/?status=failure</c> and clicks the first user: the one who needs attention most.</summary>
    internal static async Task<string> OpenFirstFailedUserAsync(BrowserSession session)
    {
        await session.GotoAsync("/?status=failure");
        await session.WaitForTeamAsync();
        var userId = (await session.Page.Locator("[data-testid=user-link]").First.InnerTextAsync()).Trim();
        await session.Page.Locator($"[data-testid=user-link][href^='/users/{userId}']").ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new Regex($"/users/{userId}"));
        await session.WaitForUserAsync();
        return userId;
    }

    /// <summary>The provider whose tab is selected (tabs follow the diagnosis's provider order).</summary>
    internal static async Task<JsonElement> ActiveProviderAsync(Microsoft.Playwright.IPage page, IReadOnlyList<JsonElement> providers)
    {
        var selected = await page.Locator("[data-testid=provider-tabs] [role=tab]")
            .EvaluateAllAsync<int>("tabs => tabs.findIndex(t => t.getAttribute('aria-selected') === 'true')");
        Assert.InRange(selected, 0, providers.Count - 1);
        return providers[selected];
    }
}
