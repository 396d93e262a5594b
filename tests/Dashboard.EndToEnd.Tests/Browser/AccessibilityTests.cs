using System.Text;
using System.Text.Json;
using Dashboard.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// axe-core (from npm, <c>npm ci --prefix tests/Dashboard.EndToEnd.Tests</c>) with its default rules on every page, in
/// the demo mode a new user meets first and in live mode against the simulator host, in the light and the dark theme:
/// no violation of any impact. Every violation found is written to the test output.
/// </summary>
/// <remarks>
/// The pages (<see cref="DashboardPages"/>): the team grid, the providers list, a provider page and an invalid provider
/// name; user pages for the first user needing attention, the one with most providers and a failed pull, one
/// retrying, one with resources not pulled, one whose pulls all succeeded, and an id the team does not have; the
/// not-found page, the invalid-id page, and the access-denied and signed-out pages (reachable in both modes; rendered
/// without a circuit, they stay light).
/// </remarks>
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
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ') + ' :: ' + (n.html || '').slice(0, 160)),
            }));
        }
        """;

    public static TheoryData<string, string, string> Pages()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var mode in new[] { "demo", "live" })
        {
            foreach (var theme in new[] { "light", "dark" })
            {
                foreach (var page in DashboardPages.Names)
                {
                    data.Add(mode, page, theme);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoAxeViolations(string mode, string page, string theme)
    {
        fixture.RequireBrowser();
        Requirement.Require(File.Exists(AxeScript), $"axe-core is not installed ({AxeScript}): run npm ci --prefix tests/Dashboard.EndToEnd.Tests.");
        var pages = await fixture.PagesAsync(mode);

        await fixture.RunJourneyAsync($"a11y-{mode}-{page}-{theme}", async session =>
        {
            await pages.OpenAsync(session, page);
            await AssertNoViolationsAsync(session, $"the {page} page {pages.Path(page)} ({mode}, {theme})");
        },
        options =>
        {
            pages.Configure(options);
            options.BypassCSP = true;
            options.ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        });
    }

    /// <summary>
    /// The operator's manual refresh, signed in behind the trusted proxy (live): the open confirmation, then the page
    /// with Vital's answer, light and dark. A refresh per theme: well within Vital's 8 an hour for the user.
    /// </summary>
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task ManualRefresh_DialogAndAnswer_HaveNoAxeViolations(string theme)
    {
        fixture.RequireBrowser();
        Requirement.Require(File.Exists(AxeScript), $"axe-core is not installed ({AxeScript}): run npm ci --prefix tests/Dashboard.EndToEnd.Tests.");
        var url = await fixture.SignedInUrlAsync();
        var userId = fixture.Simulator.User("stale_data");

        await fixture.RunJourneyAsync($"a11y-signed-in-refresh-{theme}", async session =>
        {
            var page = session.Page;
            await session.GotoAsync($"/users/{userId}");
            await session.WaitForUserAsync();
            await page.Locator("[data-testid=ask-vital-refresh]").ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=refresh-dialog]")).ToBeVisibleAsync();
            await AssertNoViolationsAsync(session, $"the refresh confirmation ({theme})");

            await page.Locator("[data-testid=refresh-confirm]").ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=refresh-reply]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await AssertNoViolationsAsync(session, $"the user page with the refresh's answer ({theme})");
        },
        options =>
        {
            options.BaseURL = url.ToString();
            options.ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-Email"] = "olga@example.com", ["X-Forwarded-Groups"] = DashboardFixture.OperatorGroup };
            options.BypassCSP = true;
            options.ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        });
    }

    /// <summary>Runs axe over the page as it is now; fails with every violation listed.</summary>
    private static async Task AssertNoViolationsAsync(BrowserSession session, string what)
    {
        // The page's Content-Security-Policy refuses inline scripts; this context bypasses it for axe only.
        if (!await session.Page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await session.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        }

        var violations = await session.Page.EvaluateAsync<JsonElement>(RunAxe);
        var report = new StringBuilder();
        foreach (var violation in violations.EnumerateArray())
        {
            report.Append(violation.GetProperty("impact").GetString()).Append(' ').Append(violation.GetProperty("id").GetString())
                .Append(": ").AppendLine(violation.GetProperty("help").GetString());
            foreach (var node in violation.GetProperty("nodes").EnumerateArray().Take(20))
            {
                report.Append("    ").AppendLine(node.GetString());
            }
        }

        var count = violations.GetArrayLength();
        DashboardFixture.Log($"axe on {what}: {count} violation(s)\n{report}");
        Assert.True(count == 0, $"axe found {count} violation(s) on {what}:\n{report}");
    }
}
