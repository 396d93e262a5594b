using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Journeys 7 and 8: the upstream misbehaves, or changes, while someone watches a user page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UpstreamJourneyTests(DashboardFixture fixture)
{
    [Fact]
    public Task Journey07_AnUpstreamFaultBurst_AnErrorBannerThenRecoveryOnRetry_NoPageCrash() =>
        fixture.RunJourneyAsync("journey-07-fault-recovered", async session =>
        {
            var page = session.Page;
            var ct = TestContext.Current.CancellationToken;
            var userId = fixture.Simulator.User("retrying_provider_unavailable");
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();
            var headline = await page.Locator("[data-testid=headline]").InnerTextAsync();
            var asOf = page.Locator("[data-testid=user-header] [data-testid=as-of] time");
            var before = await asOf.GetAttributeAsync("datetime");
            var banner = page.Locator("[data-testid=error-banner]");
            await Expect(banner).ToHaveCountAsync(0);

            // A user someone opens during the burst, in a second tab: nothing to show yet but the banner.
            var second = await session.Context.NewPageAsync();
            try
            {
                await fixture.Simulator.SetFaultsAsync(new { unavailableRate = 1 }, ct);

                await page.Locator("[data-testid=refresh]").ClickAsync();
                await Expect(banner).ToBeVisibleAsync();
                await Expect(banner).ToHaveAttributeAsync("role", "alert");
                await Expect(banner).ToContainTextAsync("Vital is unavailable");
                await Expect(banner).Not.ToContainTextAsync(new Regex(@"Exception|\bat [\w.]+\(|" + Regex.Escape(DashboardFixture.ApiKey)));
                // The last good diagnosis stays on screen.
                await Expect(page.Locator("[data-testid=headline]")).ToHaveTextAsync(headline);
                await Expect(asOf).ToHaveAttributeAsync("datetime", before!);
                await session.ScreenshotAsync("journey-07-fault-banner");

                await second.GotoAsync($"/users/{fixture.Simulator.User("stuck_scheduled")}");
                await BrowserSession.WaitForCircuitAsync(second);
                await Expect(second.Locator("[data-testid=error-banner]")).ToContainTextAsync("Vital is unavailable");
                await Expect(second.Locator("[data-testid=headline]")).ToHaveCountAsync(0);
            }
            finally
            {
                await fixture.Simulator.ClearFaultsAsync(ct);
            }

            // Vital is back: "Try again" recovers both pages, on the same circuits.
            await banner.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
            await Expect(banner).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=headline]")).ToHaveTextAsync(headline);
            await Expect(asOf).Not.ToHaveAttributeAsync("datetime", before!);

            await second.Locator("[data-testid=error-banner]").GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
            await Expect(second.Locator("[data-testid=headline]")).ToBeVisibleAsync();
            await Expect(second.Locator("[data-testid=error-banner]")).ToHaveCountAsync(0);
            await Expect(second.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
            await second.CloseAsync();
        });

    [Fact]
    public Task Journey08_AutoRefresh_APullThatChangesUpstreamShowsItsNewStateWithoutAReload() =>
        fixture.RunJourneyAsync("journey-08-auto-refresh", async session =>
        {
            var page = session.Page;
            var ct = TestContext.Current.CancellationToken;
            var userId = fixture.Simulator.User("in_progress_recent");
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();
            await Expect(page.Locator("[data-testid=auto-refresh-running]")).ToBeVisibleAsync();
            var watch = page.Locator("[data-testid=auto-refresh]");
            await Expect(watch).ToHaveAccessibleNameAsync("Auto-refresh every 5 s");
            await Expect(watch).ToBeCheckedAsync();

            var running = page.Locator("tr[data-key]", new() { Has = page.Locator(".status-badge[data-status='in_progress']") });
            await Expect(running).ToHaveCountAsync(1);
            var key = await running.GetAttributeAsync("data-key") ?? string.Empty;
            var (provider, resource) = (key.Split('/')[0], key.Split('/')[1]);
            var status = page.Locator($"tr[data-key='{key}'] .status-badge");
            var bar = page.Locator($"svg.timeline-svg g.row[data-key='{key}']");
            await Expect(bar).ToHaveAttributeAsync("aria-label", new Regex("In progress"));
            await page.EvaluateAsync("() => { window.e2eSamePage = true; }");

            try
            {
                await fixture.Simulator.SetPullAsync(userId, provider, resource, new
                {
                    status = "success",
                    days_with_data = 150,
                    ended_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                }, ct);

                // The next tick (every 5 s) asks Vital again and shows it: the row, the timeline, the headline.
                await Expect(status).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 25_000 });
                await Expect(bar).ToHaveAttributeAsync("aria-label", new Regex("Succeeded"));
                await Expect(page.Locator("[data-testid=headline]")).Not.ToContainTextAsync("in progress");
                Assert.True(await page.EvaluateAsync<bool>("() => window.e2eSamePage === true"), "the page was reloaded");

                // Nothing is in motion any more: the watch stops by itself.
                await Expect(page.Locator("[data-testid=auto-refresh-running]")).ToHaveCountAsync(0);
                await Expect(watch).ToHaveAccessibleNameAsync("Auto-refresh (nothing is in motion)");
                await Expect(watch).ToBeDisabledAsync();
            }
            finally
            {
                await fixture.Simulator.ClearPullsAsync(ct);
            }
        });
}
