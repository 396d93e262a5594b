using Dashboard.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// Every page of one running dashboard (demo or live) that the accessibility and layout checks open, by name. The users
/// are chosen from the dashboard's own CSV, in the grid's order (users needing attention first), the same way in both
/// modes: the demo's simulated team has no scenario list to ask (that is the simulator host's), and a pick by what the
/// user shows keeps working when the simulated team changes.
/// </summary>
public sealed class DashboardPages
{
    /// <summary>The page names, in the order the tests list them.</summary>
    public static readonly string[] Names =
    [
        "team", "providers", "provider", "provider-invalid", "changes",
        "user-attention", "user-many", "user-retrying", "user-not-pulled", "user-healthy", "user-unknown",
        "not-found", "invalid-id", "access-denied", "signed-out",
    ];

    /// <summary>The HTTP status of the pages that do not answer 200.</summary>
    private static readonly Dictionary<string, int> ExpectedStatus = new(StringComparer.Ordinal)
    {
        ["not-found"] = 404,
        ["access-denied"] = 403,
    };

    /// <summary>Pages rendered on the server only (no circuit, no theme switch): the sign-in flow's ends, and the not-found page (it reads the request that ended there).</summary>
    private static readonly HashSet<string> StaticPages = ["not-found", "access-denied", "signed-out"];

    private readonly IReadOnlyDictionary<string, string> _paths;

    private DashboardPages(string mode, Uri baseUrl, IReadOnlyDictionary<string, string> paths)
    {
        Mode = mode;
        BaseUrl = baseUrl;
        _paths = paths;
    }

    /// <summary><c>demo</c> or <c>live</c>.</summary>
    public string Mode { get; }

    public Uri BaseUrl { get; }

    public string Path(string page) =>
        _paths.TryGetValue(page, out var path) ? path : throw new ArgumentOutOfRangeException(nameof(page), page, "One of " + string.Join(", ", Names));

    /// <summary>Reads the team's CSV once and picks a user for each kind of user page.</summary>
    public static async Task<DashboardPages> LoadAsync(string mode, Uri baseUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var rows = Csv.Table(await http.GetStringAsync(new Uri("/api/users.csv", UriKind.Relative), cancellationToken)).Rows;
        // The CSV keeps the grid's order: group without losing it.
        var users = rows.GroupBy(r => r["user_id"], StringComparer.Ordinal).ToList();

        string First(string what, Func<IReadOnlyList<IReadOnlyDictionary<string, string>>, bool> match) =>
            users.FirstOrDefault(u => match([.. u]))?.Key ?? throw new InvalidOperationException($"The {mode} team has no user with {what}.");

        static bool Failed(IReadOnlyDictionary<string, string> r) => r["status"] is "failure" or "error";

        // Many providers and findings: of the users with a failed pull, the one with most providers, then most pulls.
        var many = users
            .Where(u => u.Any(Failed))
            .OrderByDescending(u => u.Select(r => r["provider"]).Distinct(StringComparer.Ordinal).Count())
            .ThenByDescending(u => u.Count())
            .ThenBy(u => u.Key, StringComparer.Ordinal)
            .FirstOrDefault()?.Key ?? throw new InvalidOperationException($"The {mode} team has no user with a failed pull.");
        var provider = rows.Where(r => r["provider"].Length > 0)
            .GroupBy(r => r["provider"], StringComparer.Ordinal)
            .OrderByDescending(g => g.Select(r => r["user_id"]).Distinct(StringComparer.Ordinal).Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;

        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["team"] = "/",
            ["providers"] = "/providers",
            ["provider"] = $"/providers/{provider}",
            ["provider-invalid"] = "/providers/Not-A-Provider",
            // A week: the history the run has recorded so far (or the empty state, on a first scan).
            ["changes"] = "/changes?since=7d",
            ["user-attention"] = $"/users/{users[0].Key}",
            ["user-many"] = $"/users/{many}",
            ["user-retrying"] = $"/users/{First("a retrying pull", u => u.Any(r => r["status"] == "retrying"))}",
            // Resources not pulled as the worst of it: the warning's own colours, no failure beside it.
            ["user-not-pulled"] = $"/users/{First("only resources not pulled", u => u.Any(r => r["worst_finding"] == "resources_not_pulled") && u.All(r => r["worst_finding"] is "" or "resources_not_pulled"))}",
            ["user-healthy"] = $"/users/{First("only successful pulls", u => u.All(r => r["status"] == "success" && r["worst_finding"].Length == 0))}",
            // A well-formed id the team does not have: Vital answers with no pulls.
            ["user-unknown"] = "/users/00000000-0000-4000-8000-000000000000",
            ["not-found"] = "/no-such-page",
            ["invalid-id"] = "/users/not-a-uuid",
            ["access-denied"] = "/access-denied",
            ["signed-out"] = "/signed-out",
        };
        return new DashboardPages(mode, baseUrl, paths);
    }

    /// <summary>
    /// Opens a page and waits until it shows what it is for (the grid's rows, a diagnosis, the counts), then lets
    /// MudBlazor's colour transitions end (the dark theme arrives with the circuit's first render).
    /// </summary>
    public async Task OpenAsync(BrowserSession session, string page)
    {
        var path = Path(page);
        if (StaticPages.Contains(page))
        {
            // Rendered on the server and done: no circuit to wait for.
            session.HasCircuit = false;
            await session.Page.GotoAsync(path);
            await Expect(session.Page.Locator("h1")).ToBeVisibleAsync();
        }
        else
        {
            await session.GotoAsync(path);
        }

        // Pages that answer with an error status: Chromium logs the document's status as a console error.
        if (ExpectedStatus.TryGetValue(page, out var status))
        {
            session.Expected($"the server responded with a status of {status}");
        }

        if (!session.HasCircuit)
        {
            return;
        }

        switch (page)
        {
            case "team":
                await session.WaitForTeamAsync();
                break;
            case "providers":
                await Expect(session.Page.Locator("[data-testid=providers-table]")).ToBeVisibleAsync();
                break;
            case "provider":
                await Expect(session.Page.Locator("[data-testid=as-of]")).ToBeVisibleAsync();
                await Expect(session.Page.Locator("[data-testid=provider-user-table]")).ToBeVisibleAsync();
                break;
            case "changes":
                await Expect(session.Page.Locator("[data-testid=change-counts], [data-testid=empty-state], [data-testid=history-start]").First).ToBeVisibleAsync();
                break;
            case "provider-invalid":
                await Expect(session.Page.Locator("[data-testid=invalid-provider]")).ToBeVisibleAsync();
                break;
            case "user-unknown":
                await Expect(session.Page.Locator("[data-testid=headline]")).ToBeVisibleAsync();
                break;
            case var user when user.StartsWith("user-", StringComparison.Ordinal):
                await session.WaitForUserAsync();
                break;
            default:
                await Expect(session.Page.Locator("h1")).ToBeVisibleAsync();
                break;
        }

        await session.Page.WaitForTimeoutAsync(400);
    }

    /// <summary>Whether the page is one the browser renders without a circuit (its theme cannot follow the system's).</summary>
    public static bool IsStatic(string page) => StaticPages.Contains(page);

    /// <summary>The options of a browser context on this dashboard.</summary>
    public void Configure(BrowserNewContextOptions options) => options.BaseURL = BaseUrl.ToString();
}
