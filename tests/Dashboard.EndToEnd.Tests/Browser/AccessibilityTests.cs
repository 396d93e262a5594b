using System.Text;
using System.Text.Json;
using Dashboard.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// axe-core (from npm, <c>npm ci --prefix tests/Dashboard.EndToEnd.Tests</c>) on the team grid, a user page and a
/// provider page, in the light and the dark theme: no serious or critical violation. Every violation found is
/// written to the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(DashboardFixture fixture)
{
    private static readonly string AxeScript =
        Path.Combine(Requirement.RepositoryRoot, "tests", "Dashboard.EndToEnd.Tests", "node_modules", "axe-core", "axe.min.js");

    private const string RunAxe =
        """
        async () => {
            const result = await axe.run(document);
            return result.violations.map(v => ({
                id: v.id,
                impact: v.impact || 'unknown',
                help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
            }));
        }
        """;

    [Theory]
    [InlineData("team", "light")]
    [InlineData("user", "light")]
    [InlineData("provider", "light")]
    [InlineData("team", "dark")]
    [InlineData("user", "dark")]
    [InlineData("provider", "dark")]
    public async Task Page_HasNoSeriousOrCriticalAxeViolations(string page, string theme)
    {
        fixture.RequireBrowser();
        Requirement.Require(File.Exists(AxeScript), $"axe-core is not installed ({AxeScript}): run npm ci --prefix tests/Dashboard.EndToEnd.Tests.");

        await fixture.RunJourneyAsync($"a11y-{page}-{theme}", async session =>
        {
            await OpenAsync(session, page);
            // The page's Content-Security-Policy refuses inline scripts; this context bypasses it for axe only.
            await session.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
            var violations = await session.Page.EvaluateAsync<JsonElement>(RunAxe);

            var report = new StringBuilder();
            var blocking = 0;
            foreach (var violation in violations.EnumerateArray())
            {
                var impact = violation.GetProperty("impact").GetString();
                var serious = impact is "serious" or "critical";
                blocking += serious ? 1 : 0;
                report.Append(impact).Append(' ').Append(violation.GetProperty("id").GetString()).Append(": ").AppendLine(violation.GetProperty("help").GetString());
                foreach (var node in violation.GetProperty("nodes").EnumerateArray().Take(serious ? 20 : 3))
                {
                    report.Append("    ").AppendLine(node.GetString());
                }
            }

            DashboardFixture.Log($"axe on {page} ({theme}): {violations.GetArrayLength()} violation(s)\n{report}");
            Assert.True(blocking == 0, $"axe found {blocking} serious or critical violation(s) on the {page} page ({theme}):\n{report}");
        },
        options =>
        {
            options.BypassCSP = true;
            options.ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        });
    }

    private async Task OpenAsync(BrowserSession session, string page)
    {
        switch (page)
        {
            case "team":
                await session.GotoAsync("/");
                await session.WaitForTeamAsync();
                break;
            case "user":
                // A retrying pull: warning colours, the auto-refresh chip, a timeline and provider tabs.
                await session.GotoAsync($"/users/{fixture.Simulator.User("retrying_provider_unavailable")}");
                await session.WaitForUserAsync();
                break;
            case "provider":
                await session.GotoAsync("/providers/oura");
                await Expect(session.Page.Locator("[data-testid=as-of]")).ToBeVisibleAsync();
                await Expect(session.Page.Locator("[data-testid=provider-user-table]")).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(page), page, "team, user or provider");
        }

        // MudBlazor animates colour changes (the dark theme arrives with the circuit's first render): let them end
        // before axe measures contrast.
        await session.Page.WaitForTimeoutAsync(400);
    }
}
