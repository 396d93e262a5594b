using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// The one write, signed in behind a trusted proxy (the browser plays the proxy): an operator asks Vital to refresh a
/// user, confirms, and reads what Vital did, or that the browser's request got nowhere and Vital was not asked; a
/// viewer has no button, and the API refuses the same request with 403.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RefreshJourneyTests(DashboardFixture fixture)
{
    private const string Operator = "olga@example.com";
    private static readonly Regex VitalAnswered = new("^(refreshed|in_progress)$");

    /// <summary>A journey signed in as <paramref name="email"/> in <paramref name="groups"/>, on the page of the simulator's <paramref name="scenario"/> user.</summary>
    private async Task OnUserPageAsync(string journey, string email, string groups, string scenario, Func<BrowserSession, string, Task> steps)
    {
        var url = await fixture.SignedInUrlAsync();
        await fixture.RunJourneyAsync(journey, async session =>
        {
            var userId = fixture.Simulator.User(scenario);
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();
            await steps(session, userId);
            await session.WaitForUserAsync();
        }, options =>
        {
            options.BaseURL = url.ToString();
            options.ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-Email"] = email, ["X-Forwarded-Groups"] = groups };
        });
    }

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    private static ILocator Reply(IPage page) => page.Locator("[data-testid=refresh-reply]");

    /// <summary>The header's button, then the dialog's.</summary>
    private static async Task AskAndConfirmAsync(IPage page)
    {
        await page.Locator("[data-testid=ask-vital-refresh]").ClickAsync();
        await Expect(Dialog(page)).ToBeVisibleAsync();
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Ask Vital to refresh" }).ClickAsync();
    }

    /// <summary>Dismisses the answer shown and asks again, as the answer to a request that got nowhere says to.</summary>
    private static async Task AskAgainAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss the refresh's answer" }).ClickAsync();
        await Expect(Reply(page)).ToHaveCountAsync(0);
        await AskAndConfirmAsync(page);
    }

    [Fact]
    public Task Operator_AsksVitalToRefresh_ConfirmsAndSeesWhatVitalDid() =>
        OnUserPageAsync("journey-refresh-operator", Operator, $"staff,{DashboardFixture.OperatorGroup}", "healthy", async (session, userId) =>
        {
            var page = session.Page;
            await page.GetByRole(AriaRole.Button, new() { Name = "Ask Vital to refresh" }).ClickAsync();

            var dialog = Dialog(page);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("[data-testid=refresh-dialog-user]")).ToHaveTextAsync(userId);
            await Expect(dialog.Locator("[data-testid=refresh-left]")).ToContainTextAsync(new Regex("[1-8] of 8"));
            await session.ScreenshotAsync("journey-refresh-operator-confirm");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Ask Vital to refresh" }).ClickAsync();

            var reply = Reply(page);
            await Expect(reply).ToBeVisibleAsync(new() { Timeout = 30_000 });
            if (await reply.GetAttributeAsync("data-outcome") == "none"
                && (await reply.InnerTextAsync()).Contains("could not reach the dashboard", StringComparison.Ordinal))
            {
                // The browser's own POST got no answer at all (status 0). Seen once in CI, no request in the server's
                // log and the circuit's socket dropped in the same second: most likely Chromium aborting what was in
                // flight as another test's Docker network appeared (net::ERR_NETWORK_CHANGED, see BrowserSession).
                // The page says so and to try again, Vital not asked; the operator does, once, as the next journey
                // checks on purpose. A POST that never gets through still fails here.
                TestContext.Current.SendDiagnosticMessage($"refresh journey: the first POST got no answer ({await reply.InnerTextAsync()}); asking again");
                await AskAgainAsync(page);
                await Expect(reply).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }

            await Expect(reply).ToHaveAttributeAsync("data-outcome", VitalAnswered);
            await Expect(reply.Locator("[data-testid=refresh-summary]")).ToContainTextAsync("Vital");
            await Expect(reply.Locator("[data-testid=refresh-left-after]")).ToContainTextAsync("left this hour");
            await Expect(dialog).ToHaveCountAsync(0);
        });

    [Fact]
    public Task Operator_WhenTheBrowsersPostGetsNoAnswer_ReadsThatVitalWasNotAsked_AndAsksAgain() =>
        OnUserPageAsync("journey-refresh-no-answer", Operator, $"staff,{DashboardFixture.OperatorGroup}", "stale_data", async (session, _) =>
        {
            var page = session.Page;
            // The first POST dies on the way (as a dropped connection does); the next goes through.
            var posts = 0;
            await page.RouteAsync("**/api/users/*/refresh", async route =>
            {
                if (Interlocked.Increment(ref posts) == 1)
                {
                    await route.AbortAsync("connectionreset");
                }
                else
                {
                    await route.ContinueAsync();
                }
            });

            await AskAndConfirmAsync(page);
            var reply = Reply(page);
            await Expect(reply).ToHaveAttributeAsync("data-outcome", "none", new() { Timeout = 30_000 });
            await Expect(reply.Locator("[data-testid=refresh-summary]")).ToContainTextAsync("could not reach the dashboard");
            await Expect(reply.Locator("[data-testid=refresh-summary]")).ToContainTextAsync("Vital was not asked");
            await Expect(reply.Locator("[data-testid=refresh-left-after]")).ToHaveCountAsync(0);
            await session.ScreenshotAsync("journey-refresh-no-answer-reply");
            session.Expected("ERR_CONNECTION_RESET");

            await AskAgainAsync(page);
            await Expect(reply).ToHaveAttributeAsync("data-outcome", VitalAnswered, new() { Timeout = 30_000 });
            await Expect(reply.Locator("[data-testid=refresh-left-after]")).ToContainTextAsync("left this hour");
            Assert.Equal(2, Volatile.Read(ref posts));
        });

    [Fact]
    public Task Viewer_HasNoButton_AndTheApiRefusesWith403() =>
        OnUserPageAsync("journey-refresh-viewer", "vera@example.com", "staff", "healthy", async (session, userId) =>
        {
            var page = session.Page;
            await Expect(page.Locator("[data-testid=ask-vital-refresh]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("vera@example.com");

            var response = await page.APIRequest.PostAsync($"/api/users/{userId}/refresh");
            Assert.Equal(403, response.Status);
            var problem = await response.JsonAsync();
            Assert.Equal("operator", problem?.GetProperty("role").GetString());
        });
}
