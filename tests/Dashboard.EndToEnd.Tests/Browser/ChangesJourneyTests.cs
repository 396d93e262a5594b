using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// Journey 15, "what broke overnight?": a pull fails upstream; the next team scan records it; /changes lists it as a
/// new problem; following it opens the user, whose History says since when it has failed and what it was before.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChangesJourneyTests(DashboardFixture fixture)
{
    [Fact]
    public Task Journey15_WhatChanged_FollowANewFailureToTheUser_SeeWhenItStarted() =>
        fixture.RunJourneyAsync("journey-15-changes", async session =>
        {
            var ct = TestContext.Current.CancellationToken;
            var page = session.Page;
            var userId = fixture.Simulator.User("healthy");
            var diagnosis = await TeamGrid.DiagnosisAsync(fixture, userId);
            var pulled = diagnosis.GetProperty("providers").EnumerateArray()
                .SelectMany(p => p.GetProperty("resources").EnumerateArray()
                    .Where(r => r.GetProperty("status").GetString() == "success")
                    .Select(r => (Provider: p.GetProperty("provider").GetString()!, Resource: r.GetProperty("resource").GetString()!)))
                .First();

            // Only what this journey causes: a history kept from an earlier run (or journey) holds older changes.
            var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            try
            {
                await fixture.Simulator.SetPullAsync(userId, pulled.Provider, pulled.Resource, new
                {
                    status = "failure",
                    error_details = "unexpected_error",
                    ended_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                }, ct);

                // A team older than 5 s is scanned again when a page asks for it; the scan's changes go to the history.
                await WaitForChangeAsync(userId, pulled.Provider, "appeared", since, ct);

                await session.GotoAsync($"/changes?since={since}&provider={pulled.Provider}");
                await Expect(page.Locator("[data-testid=change-counts]")).ToContainTextAsync("appeared");
                var row = page.Locator("[data-testid=changes-table] tbody tr", new() { Has = page.Locator($"a.user-id:text-is('{userId}')") })
                    .Filter(new() { HasText = "Appeared" });
                await Expect(row.First).ToBeVisibleAsync();
                await session.ScreenshotAsync("journey-15-changes-list");

                await row.First.Locator("a.user-id").ClickAsync();

                await Expect(page).ToHaveURLAsync(new Regex($"/users/{userId}"));
                await session.WaitForUserAsync();
                var line = page.Locator($"[data-testid=history-line][data-provider='{pulled.Provider}'][data-resource='{pulled.Resource}']");
                await Expect(line).ToContainTextAsync(new Regex("Failed since .+; succeeded"), new() { Timeout = 20_000 });
                await line.ScrollIntoViewIfNeededAsync();
            }
            finally
            {
                await fixture.Simulator.ClearPullsAsync(ct);
                // The journeys after this one read the grid: wait until a scan has seen the pull succeed again.
                await WaitForChangeAsync(userId, pulled.Provider, "cleared", since, ct);
            }
        });

    /// <summary>Asks for the team (which starts a scan when it is stale) until the changes CSV lists the user's <paramref name="change"/>, at most a minute.</summary>
    private async Task WaitForChangeAsync(string userId, string provider, string change, string since, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (true)
        {
            using (await fixture.DashboardHttp.GetAsync(new Uri("/", UriKind.Relative), ct))
            {
            }

            var csv = await fixture.DashboardHttp.GetStringAsync(new Uri($"/api/changes.csv?since={since}&provider={provider}&change={change}", UriKind.Relative), ct);
            if (csv.Contains(userId, StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No {change} change for {userId} on {provider} was recorded within a minute.");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
