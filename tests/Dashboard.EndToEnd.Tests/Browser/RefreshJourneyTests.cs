using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// The one write, signed in behind a trusted proxy (the browser plays the proxy): an operator asks Vital to refresh a
/// user, confirms, and reads what Vital did; a viewer has no button, and the API refuses the same request with 403.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RefreshJourneyTests(DashboardFixture fixture)
{
    private static async Task<Action<BrowserNewContextOptions>> AsAsync(DashboardFixture fixture, string email, string groups)
    {
        var url = await fixture.SignedInUrlAsync();
        return options =>
        {
            options.BaseURL = url.ToString();
            options.ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-Email"] = email, ["X-Forwarded-Groups"] = groups };
        };
    }

    [Fact]
    public async Task Operator_AsksVitalToRefresh_ConfirmsAndSeesWhatVitalDid()
    {
        var as_ = await AsAsync(fixture, "olga@example.com", $"staff,{DashboardFixture.OperatorGroup}");
        await fixture.RunJourneyAsync("journey-refresh-operator", async session =>
        {
            var page = session.Page;
            var userId = fixture.Simulator.User("healthy");
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Ask Vital to refresh" }).ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("[data-testid=refresh-dialog-user]")).ToHaveTextAsync(userId);
            await Expect(dialog.Locator("[data-testid=refresh-left]")).ToContainTextAsync(new Regex("[1-8] of 8"));
            await session.ScreenshotAsync("journey-refresh-operator-confirm");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Ask Vital to refresh" }).ClickAsync();

            var reply = page.Locator("[data-testid=refresh-reply]");
            await Expect(reply).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(reply).ToHaveAttributeAsync("data-outcome", new Regex("^(refreshed|in_progress)$"));
            await Expect(reply.Locator("[data-testid=refresh-summary]")).ToContainTextAsync("Vital");
            await Expect(reply.Locator("[data-testid=refresh-left-after]")).ToContainTextAsync("left this hour");
            await Expect(dialog).ToHaveCountAsync(0);
            await session.WaitForUserAsync();
        }, as_);
    }

    [Fact]
    public async Task Viewer_HasNoButton_AndTheApiRefusesWith403()
    {
        var as_ = await AsAsync(fixture, "vera@example.com", "staff");
        await fixture.RunJourneyAsync("journey-refresh-viewer", async session =>
        {
            var page = session.Page;
            var userId = fixture.Simulator.User("healthy");
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();

            await Expect(page.Locator("[data-testid=ask-vital-refresh]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("vera@example.com");

            var response = await page.APIRequest.PostAsync($"/api/users/{userId}/refresh");
            Assert.Equal(403, response.Status);
            var problem = await response.JsonAsync();
            Assert.Equal("operator", problem?.GetProperty("role").GetString());
        }, as_);
    }
}
