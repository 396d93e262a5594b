using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Journeys 3, 4, 5 and 9: the timeline, a shared link, the time display, and an address that is no user.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UserJourneyTests(DashboardFixture fixture)
{
    private static readonly string[] ClipboardPermissions = ["clipboard-read", "clipboard-write"];

    [Fact]
    public Task Journey03_HoverATimelineBar_ItsTimesShow_ClickIt_ThatResourceIsSelected() =>
        fixture.RunJourneyAsync("journey-03-timeline-selected", async session =>
        {
            var page = session.Page;
            var userId = await TeamJourneyTests.OpenFirstFailedUserAsync(session);
            var providers = (await TeamGrid.DiagnosisAsync(fixture, userId)).GetProperty("providers").EnumerateArray().ToList();

            // A pull of a provider whose tab is not open: clicking its bar must switch tabs as well.
            var open = (await TeamJourneyTests.ActiveProviderAsync(page, providers)).GetProperty("provider").GetString();
            var provider = providers.First(p => p.GetProperty("provider").GetString() != open && p.GetProperty("resources").GetArrayLength() > 0);
            var providerName = provider.GetProperty("provider").GetString()!;
            var pull = provider.GetProperty("resources")[0];
            var key = $"{providerName}/{pull.GetProperty("resource").GetString()}";

            await TeamJourneyTests.ShowEveryProviderOnTheTimelineAsync(page);
            var details = page.Locator("[data-testid=timeline-details]");
            await Expect(details.Locator("table")).ToHaveCountAsync(0);

            var bar = page.Locator($"svg.timeline-svg g.row[data-key='{key}']");
            await bar.HoverAsync();
            await Expect(details.Locator("table")).ToBeVisibleAsync();
            await ExpectTimesAsync(details, pull);
            await Expect(bar).ToHaveAttributeAsync("aria-pressed", "false");

            await bar.ClickAsync();
            await Expect(bar).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page).ToHaveURLAsync(new Regex($@"[?&]focus={providerName}(&|$)"));
            await Expect(page).ToHaveURLAsync(new Regex($@"[?&]pull={pull.GetProperty("resource").GetString()}(&|$)"));
            var tabs = page.Locator("[data-testid=provider-tabs] [role=tab]");
            var index = providers.FindIndex(p => p.GetProperty("provider").GetString() == providerName);
            await Expect(tabs.Nth(index)).ToHaveAttributeAsync("aria-selected", "true");
            var row = page.Locator($"tr[data-key='{key}']");
            await Expect(row).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(page.Locator("tr[data-key][aria-selected='true']")).ToHaveCountAsync(1);

            // The keyboard: a finding's "Show this pull" takes focus, and Enter selects its pull.
            var show = page.Locator("[data-testid=findings] a.show-pull").First;
            await show.FocusAsync();
            await Expect(show).ToBeFocusedAsync();
            var target = new Uri(new Uri(page.Url), await show.GetAttributeAsync("href"));
            var query = System.Web.HttpUtility.ParseQueryString(target.Query);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator($"tr[data-key='{query["focus"]}/{query["pull"]}']")).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(page).ToHaveURLAsync(target.ToString());
            // A timeline row is reached by the keyboard as well: focused, it shows its times; Enter selects it again.
            // (The pointer goes elsewhere first: a hovered row is the active one. It rests on the app bar, which is
            // fixed: focusing the row scrolls the page, and a pointer left over the content could land on another
            // row, which then became the active one; CI saw that once.)
            await page.Locator(".mud-appbar").HoverAsync();
            await bar.FocusAsync();
            await Expect(bar).ToBeFocusedAsync();
            await Expect(bar).ToHaveClassAsync(new Regex(@"\bactive\b"));
            await page.Keyboard.PressAsync("Enter");
            await Expect(row).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(bar).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(bar).ToBeFocusedAsync();

            // Once the pointer leaves, the panel keeps showing the selected pull.
            await page.Locator("[data-testid=user-header]").HoverAsync();
            await ExpectTimesAsync(details, pull);
            await row.ScrollIntoViewIfNeededAsync();

            // The README's picture of a user page: its top, the timeline row chosen.
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await session.ScreenshotAsync("journey-03-user");
        });

    [Fact]
    public Task Journey04_CopyTheLink_AFreshContextShowsTheSameView() =>
        fixture.RunJourneyAsync("journey-04-copy-link", async session =>
        {
            var page = session.Page;

            // A user page: another provider in focus, local times, then "Copy link".
            var userId = await TeamJourneyTests.OpenFirstFailedUserAsync(session);
            var providers = (await TeamGrid.DiagnosisAsync(fixture, userId)).GetProperty("providers").EnumerateArray().ToList();
            var open = (await TeamJourneyTests.ActiveProviderAsync(page, providers)).GetProperty("provider").GetString();
            var other = providers.FindIndex(p => p.GetProperty("provider").GetString() != open);
            var focus = providers[other].GetProperty("provider").GetString()!;
            await page.Locator("[data-testid=provider-tabs] [role=tab]").Nth(other).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($@"[?&]focus={focus}(&|$)"));
            await TimeSwitch(page, "Local").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]tz=local(&|$)"));
            await Expect(page.Locator(".timeline-caption")).ToContainTextAsync(DashboardFixture.BrowserTimeZone);
            // The data-range view and a pull of that provider, chosen by its name in the table.
            await page.Locator(".timeline-toolbar button", new() { HasText = "Data range" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]view=range(&|$)"));
            var resourceLink = page.Locator($"tr[data-key^='{focus}/'] a.pull-link").Last;
            await resourceLink.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]pull=[a-z0-9_]+(&|$)"));
            await Expect(page.Locator("tr[data-key][aria-selected='true']")).ToHaveCountAsync(1);
            // A pull's trace id, copied with the button of a row that is not selected when the tab has one (the
            // table's one handler): the selection stays where it was. The snackbar comes from the same server call a
            // selection would.
            var selectedKey = await page.Locator("tr[data-key][aria-selected='true']").GetAttributeAsync("data-key");
            var unselected = page.Locator("tr[data-key][aria-selected='false']:has(button.copy-button)");
            var tracedKey = await (await unselected.CountAsync() > 0 ? unselected : page.Locator("tr[data-key]:has(button.copy-button)"))
                .First.GetAttributeAsync("data-key");
            var traced = page.Locator($"tr[data-key='{tracedKey}']");
            var addressBefore = page.Url;
            var trace = (await traced.Locator("code.trace").TextContentAsync())!;
            await traced.Locator("button.copy-button").ClickAsync();
            await Expect(page.Locator(".mud-snackbar", new() { HasText = "Copied to the clipboard." })).ToBeVisibleAsync();
            Assert.Equal(trace, await session.ReadClipboardAsync());
            await Expect(page.Locator("tr[data-key][aria-selected='true']")).ToHaveAttributeAsync("data-key", selectedKey!);
            await Expect(page.Locator("tr[data-key][aria-selected='true']")).ToHaveCountAsync(1);
            Assert.Equal(addressBefore, page.Url);

            await page.Locator("[data-testid=copy-link]").ClickAsync();
            await Expect(page.Locator(".mud-snackbar", new() { HasText = "Link copied to the clipboard." })).ToBeVisibleAsync();
            var link = await session.ReadClipboardAsync();
            Assert.Equal(page.Url, link);
            var userView = await UserViewAsync(page);

            // The team grid, filtered: its address is its link.
            await page.Locator("nav[aria-label=Main] a", new() { HasText = "Team" }).ClickAsync();
            await session.WaitForTeamAsync();
            var teamRows = await TeamGrid.FilterByStatusAsync(page, "failure");
            await Expect(page).ToHaveURLAsync(new Regex(@"/\?status=failure&tz=local$"));
            var teamLink = page.Url;

            // A colleague: a fresh context (no cookies, no storage, no clipboard), the same links.
            await using var colleague = await fixture.OpenAsync();
            await colleague.GotoAsync(link);
            await colleague.WaitForUserAsync();
            Assert.Equal(link, colleague.Page.Url);
            Assert.Equal(userView, await UserViewAsync(colleague.Page));
            await Expect(TimeSwitch(colleague.Page, "Local")).ToHaveAttributeAsync("aria-checked", "true");
            await colleague.AssertHealthyAsync();
            await colleague.ScreenshotAsync("journey-04-link-opened", fullPage: true);

            await colleague.GotoAsync(teamLink);
            await colleague.WaitForTeamAsync();
            await Expect(colleague.Page.Locator("a.status-count[data-status='failure']")).ToHaveAttributeAsync("aria-current", "true");
            Assert.Equal(teamRows, await TeamGrid.RowCountAsync(colleague.Page));
            await Expect(TimeSwitch(colleague.Page, "Local")).ToHaveAttributeAsync("aria-checked", "true");
            await colleague.AssertHealthyAsync();
        },
        options => options.Permissions = ClipboardPermissions);

    [Fact]
    public Task Journey05_SwitchTheTimeDisplay_TheTimesChangeAndTzFollows() =>
        fixture.RunJourneyAsync("journey-05-time-display", async session =>
        {
            var page = session.Page;
            await session.GotoAsync($"/users/{fixture.Simulator.User("failed_provider_unavailable")}");
            await session.WaitForUserAsync();
            var asOf = page.Locator("[data-testid=user-header] [data-testid=as-of] time");
            var range = page.Locator("tr[data-key] td:nth-of-type(2)").First;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(DashboardFixture.BrowserTimeZone);

            Assert.DoesNotContain("tz=", page.Url, StringComparison.Ordinal);
            var when = await AsOfAsync(asOf);
            await Expect(asOf).ToHaveTextAsync(Format(when) + " UTC");
            await Expect(page.Locator(".timeline-caption")).ToContainTextAsync("times in UTC");
            var utcRange = await range.InnerTextAsync();

            await TimeSwitch(page, "Local").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]tz=local(&|$)"));
            await Expect(TimeSwitch(page, "Local")).ToHaveAttributeAsync("aria-checked", "true");
            await Expect(asOf).ToHaveTextAsync(Format(TimeZoneInfo.ConvertTime(when, zone)));
            await Expect(asOf).ToHaveAttributeAsync("title", new Regex(Regex.Escape(DashboardFixture.BrowserTimeZone)));
            await Expect(page.Locator(".timeline-caption")).ToContainTextAsync($"times in {DashboardFixture.BrowserTimeZone}");
            // Ranges start at midnight UTC: the evening before in New York.
            await Expect(range).Not.ToHaveTextAsync(utcRange);

            await TimeSwitch(page, "Relative").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]tz=relative(&|$)"));
            await Expect(asOf).ToHaveTextAsync(new Regex(@"(ago|now)$"));

            await TimeSwitch(page, "UTC").ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("tz="));
            await Expect(asOf).ToHaveTextAsync(Format(await AsOfAsync(asOf)) + " UTC");
            await Expect(range).ToHaveTextAsync(utcRange);
        });

    [Fact]
    public Task Journey09_AMalformedUserId_AFriendlyPageAndNoUpstreamCall() =>
        fixture.RunJourneyAsync("journey-09-malformed-id", async session =>
        {
            var page = session.Page;
            var ct = TestContext.Current.CancellationToken;
            string[] malformed = ["not-a-user-id", "7aec8422-8174-4464-a4b2-b04c5939be0d' OR '1'='1", "<script>alert(1)</script>"];
            foreach (var id in malformed)
            {
                await session.GotoAsync("/users/" + Uri.EscapeDataString(id));
                await Expect(page.Locator("h1")).ToHaveTextAsync("Not a user id");
                await Expect(page.Locator("[data-testid=invalid-id]")).ToContainTextAsync("Nothing was asked of Vital.");
            }

            var queries = await fixture.Simulator.RecentRequestQueriesAsync(ct);
            Assert.DoesNotContain(queries, q => q.Contains("not-a-user-id", StringComparison.OrdinalIgnoreCase) || q.Contains("script", StringComparison.OrdinalIgnoreCase));

            // An address with no page at all: the friendly not-found page, with a way back.
            var response = await page.GotoAsync("/users/not/a/page");
            Assert.Equal(404, response?.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the team" })).ToBeVisibleAsync();
            session.Expected("the server responded with a status of 404");

            // And the way back from a malformed id works.
            await session.GotoAsync("/users/not-a-user-id");
            await page.GetByRole(AriaRole.Link, new() { Name = "Back to the team" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/$"));
            await session.WaitForTeamAsync();
            await session.GotoAsync("/users/not-a-user-id");
        });

    private static ILocator TimeSwitch(IPage page, string mode) =>
        page.Locator(".time-mode-switch button", new() { HasTextRegex = new Regex($"^{mode}$") });

    private static async Task<DateTimeOffset> AsOfAsync(ILocator time) =>
        DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? string.Empty, CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The hovered or selected pull's times in the panel under the timeline, as the JSON has them.</summary>
    private static async Task ExpectTimesAsync(ILocator details, JsonElement pull)
    {
        foreach (var (label, property) in new[] { ("Scheduled", "scheduledAt"), ("Started", "startedAt"), ("Ended", "endedAt") })
        {
            var cell = details.Locator($"tr:has(th:text-is('{label}')) td").First;
            if (pull.GetProperty(property).ValueKind == JsonValueKind.String)
            {
                var time = DateTimeOffset.Parse(pull.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);
                await Expect(cell).ToHaveTextAsync(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            }
            else
            {
                await Expect(cell).ToHaveTextAsync(new Regex("^(not yet|not reported)$"));
            }
        }
    }

    /// <summary>What a colleague must see the same: focus tab, time mode, the timeline's zone, the open provider's rows (without durations, which run on).</summary>
    private static async Task<string> UserViewAsync(IPage page)
    {
        var tab = await page.Locator("[data-testid=provider-tabs] [role=tab][aria-selected='true']").InnerTextAsync();
        var mode = await page.Locator(".time-mode-switch button[aria-checked='true']").InnerTextAsync();
        var caption = await page.Locator(".timeline-caption").InnerTextAsync();
        var view = await page.Locator("svg.timeline-svg").GetAttributeAsync("data-view");
        var rows = await page.Locator("tr[data-key]").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => [r.dataset.key, r.cells[1].innerText, r.cells[2].innerText, r.getAttribute('aria-selected')].join(' | '))");
        return string.Join('\n', [$"tab {tab.Trim()}", $"mode {mode.Trim()}", $"view {view}", caption.Trim(), .. rows]);
    }
}
