using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Journey 6: one provider's counts per resource, then through to a user with that provider in focus.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProviderJourneyTests(DashboardFixture fixture)
{
    private const string Provider = "oura";

    [Fact]
    public Task Journey06_ProviderPage_CountsPerResource_ClickThroughToAUserWithTheProviderInFocus() =>
        fixture.RunJourneyAsync("journey-06-provider-to-user", async session =>
        {
            var page = session.Page;
            await session.GotoAsync($"/providers/{Provider}");
            await Expect(page.Locator("[data-testid=provider-name]")).ToHaveTextAsync("Oura");
            await Expect(page.Locator("[data-testid=as-of]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=resource-counts]")).ToBeVisibleAsync();

            // The table against the CSV a script downloads for the same provider: users per resource and status.
            var csv = await fixture.DashboardHttp.GetStringAsync(new Uri($"/api/users.csv?provider={Provider}", UriKind.Relative), TestContext.Current.CancellationToken);
            var expected = Csv.Table(csv).Rows
                .Where(r => r["provider"] == Provider && r["status"].Length > 0)
                .GroupBy(r => (Resource: r["resource"], Status: r["status"]))
                .ToDictionary(g => g.Key, g => g.Count());
            Assert.NotEmpty(expected);

            var shown = new Dictionary<(string Resource, string Status), int>();
            var rows = page.Locator("[data-testid=resource-counts] tbody tr[data-resource]");
            var resources = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.resource)");
            Assert.Equal(expected.Keys.Select(k => k.Resource).Distinct().Order(StringComparer.Ordinal), resources.Order(StringComparer.Ordinal));
            foreach (var resource in resources)
            {
                var row = page.Locator($"[data-testid=resource-counts] tbody tr[data-resource='{resource}']");
                var cells = await row.Locator("td[data-status]").EvaluateAllAsync<string[][]>("cells => cells.map(c => [c.dataset.status, c.innerText])");
                foreach (var cell in cells)
                {
                    var count = int.Parse(cell[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    if (count > 0)
                    {
                        shown[(resource, cell[0])] = count;
                    }
                }

                var total = int.Parse(await row.Locator("td[data-testid=total]").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                Assert.Equal(cells.Sum(c => int.Parse(c[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)), total);
            }

            Assert.Equal(expected, shown);

            // The chart: only pulls not (yet) succeeded, on the resources that have any, labelled by their names.
            var problems = expected.Where(e => e.Key.Status != "success").GroupBy(e => e.Key.Resource).Select(g => Dashboard.Diagnosis.ProviderKnowledge.ResourceDisplayName(g.Key)).ToHashSet();
            var untroubled = expected.Keys.Select(k => k.Resource).Distinct().Select(Dashboard.Diagnosis.ProviderKnowledge.ResourceDisplayName).Where(n => !problems.Contains(n));
            Assert.NotEmpty(problems);
            await Expect(page.Locator("[data-testid=status-chart] svg text").First).ToBeVisibleAsync();
            // SVG text has no innerText: read textContent.
            var chartTexts = (await page.Locator("[data-testid=status-chart] svg text").EvaluateAllAsync<string[]>("els => els.map(e => e.textContent ?? '')")).Select(s => s.Trim()).ToHashSet();
            Assert.Superset(problems, chartTexts);
            Assert.All(untroubled, name => Assert.DoesNotContain(name, chartTexts));
            Assert.DoesNotContain("Succeeded", await page.Locator("[data-testid=status-chart]").InnerTextAsync(), StringComparison.Ordinal);
            await session.ScreenshotAsync("journey-06-provider");

            // Through to the first user listed (failing and stuck first): that user's page, Oura in focus.
            var link = page.Locator("[data-testid=provider-user-link]").First;
            var userId = (await link.InnerTextAsync()).Trim();
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($@"/users/{userId}\?focus={Provider}$"));
            await session.WaitForUserAsync();
            await Expect(page.Locator("[data-testid=user-id]")).ToHaveTextAsync(userId);
            await Expect(page.Locator("[data-testid=provider-tabs] [role=tab][aria-selected='true']")).ToHaveTextAsync("Oura");
            await Expect(page.Locator($"[data-testid=provider-tabs] tr[data-key^='{Provider}/']").First).ToBeVisibleAsync();
        });
}
