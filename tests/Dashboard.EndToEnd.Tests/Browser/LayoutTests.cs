using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// What a person sees at 800, 1280 and 1440 px, light and dark, on the team grid, a user page with many resources and
/// a provider page of the demo team: a full-page screenshot of each (<c>layout-&lt;page&gt;-&lt;width&gt;-&lt;theme&gt;.png</c>
/// in the results' screenshots), and the page read back from the DOM: nothing that matters is cut off, by its own box
/// (an ellipsis, a clamped line), by its table cell, or by a container that would need scrolling sideways; no page
/// scrolls sideways; and where the navigation drawer is docked, it runs the page's whole height.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(DashboardFixture fixture)
{
    private const int Height = 900;

    /// <summary>
    /// What must be shown whole on each page. Provider chips in the team grid are checked as chips: a narrow column may
    /// shorten a provider's name inside its chip (the chip's title has it whole), never cut the chip or its "+N".
    /// </summary>
    private static readonly Dictionary<string, string[]> Whole = new(StringComparer.Ordinal)
    {
        ["team"] =
        [
            "[data-testid=team-grid] thead th",
            "[data-testid=team-grid] tbody .user-link",
            "[data-testid=team-grid] tbody .copy-button",
            "[data-testid=team-grid] tbody .provider-chip",
            "[data-testid=team-grid] tbody .more-chips",
            "[data-testid=team-grid] tbody .status-badge",
            "[data-testid=team-grid] tbody .headline",
            "[data-testid=team-grid] tbody time",
            "[data-testid=team-grid] tbody .conn-read",
        ],
        ["user-many"] =
        [
            "[data-testid=headline]",
            ".provider-resources thead th",
            ".provider-resources tbody th",
            ".provider-resources .pull-link",
            ".provider-resources .status-badge",
            ".provider-resources td.range",
            ".provider-resources td.coverage-cell > div",
            ".provider-resources td.error-details",
            ".provider-resources .release-trace code",
            ".provider-resources .release-trace .copy-button",
            ".provider-resources td.freshness > div",
        ],
        ["provider"] =
        [
            "[data-testid=resource-counts] th",
            "[data-testid=resource-counts] td",
            "[data-testid=resource-counts] .status-badge",
            "[data-testid=provider-user-table] th",
            "[data-testid=provider-user-table] td",
            "[data-testid=provider-user-table] a",
            "[data-testid=provider-user-table] .status-badge",
            "[data-testid=provider-user-table] .mud-chip",
            "[data-testid=provider-user-table] time",
        ],
        ["changes"] =
        [
            "h1",
            "[data-testid=spans] a",
            "[data-testid=change-counts]",
            "[data-testid=changes-table] th",
            "[data-testid=changes-table] td",
            "[data-testid=changes-table] a.user-id",
            "[data-testid=changes-table] time",
            "[data-testid=empty-state]",
        ],
    };

    /// <summary>
    /// Every element of the selectors that is cut: in its own box (text wider or taller than the box that hides it),
    /// past its table cell, or past the visible width of any ancestor that clips (a table's scroll container shows only
    /// its first screen without sideways scrolling, and nobody finds a trace id that way). Elements inside a
    /// visually hidden block (the column headers a narrow table keeps for screen readers) do not count. Also: the
    /// team grid's columns each keep some room, and a date range takes at most two lines (its dates whole).
    /// </summary>
    private const string FindClipped =
        """
        selectors => {
            const problems = [];
            const name = el => {
                const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
                return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''} "${text}"`;
            };
            const hidden = el => {
                for (let a = el; a; a = a.parentElement) {
                    const cs = getComputedStyle(a);
                    if (cs.clip !== 'auto' || cs.visibility === 'hidden' || cs.display === 'none') return true;
                }
                return false;
            };
            const round = n => Math.round(n);
            for (const selector of selectors) {
                for (const el of document.querySelectorAll(selector)) {
                    if (el.getClientRects().length === 0 || hidden(el)) continue;
                    const r = el.getBoundingClientRect();
                    const cs = getComputedStyle(el);
                    if (cs.display !== 'inline' && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible')) {
                        if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} is cut: ${el.scrollWidth} px of text in ${el.clientWidth} px`);
                        else if (el.scrollHeight > el.clientHeight + 1) problems.push(`${name(el)} is cut: ${el.scrollHeight} px of lines in ${el.clientHeight} px`);
                    }
                    const cell = el.parentElement && el.parentElement.closest('td, th');
                    if (cell) {
                        const c = cell.getBoundingClientRect();
                        if (r.right > c.right + 1 || r.left < c.left - 1) problems.push(`${name(el)} runs out of its cell: ${round(r.left)}-${round(r.right)} in ${round(c.left)}-${round(c.right)}`);
                    }
                    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                        const s = getComputedStyle(a);
                        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
                        const b = a.getBoundingClientRect();
                        const left = b.left + a.clientLeft;
                        const right = left + a.clientWidth;
                        if (r.right > right + 1 || r.left < left - 1) {
                            problems.push(`${name(el)} is cut by ${name(a).split(' "')[0]}: ${round(r.left)}-${round(r.right)} shown in ${round(left)}-${round(right)}`);
                            break;
                        }
                    }
                }
            }
            for (const th of document.querySelectorAll('[data-testid=team-grid] thead th')) {
                // A column the narrow layout leaves out on purpose (display: none) is not one squeezed to nothing.
                if (getComputedStyle(th).display === 'none') continue;
                if (th.getBoundingClientRect().width < 48) problems.push(`the grid's column ${name(th)} has no room: ${round(th.getBoundingClientRect().width)} px`);
            }
            for (const range of document.querySelectorAll('.provider-resources td.range > span')) {
                const lines = new Set([...range.getClientRects()].map(r => round(r.top))).size;
                if (lines > 2 && !hidden(range)) problems.push(`${name(range)} takes ${lines} lines: a date is broken`);
            }
            if (document.documentElement.scrollWidth > innerWidth + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${innerWidth} px`);
            return problems;
        }
        """;

    /// <summary>
    /// Where the drawer is docked: its panel reaches the bottom of the page, and after scrolling to the bottom its links
    /// are still in view.
    /// </summary>
    private const string CheckDrawer =
        """
        async () => {
            const drawer = document.querySelector('.mud-drawer');
            const pageHeight = document.documentElement.scrollHeight;
            const bottom = drawer.getBoundingClientRect().bottom + scrollY;
            const problems = [];
            if (bottom < pageHeight - 1) problems.push(`the drawer ends at ${Math.round(bottom)} px of a ${pageHeight} px page`);
            window.scrollTo(0, pageHeight);
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const link = [...drawer.querySelectorAll('a')].find(a => a.textContent.trim() === 'Providers');
            const l = link.getBoundingClientRect();
            if (l.top < 0 || l.bottom > innerHeight) problems.push(`scrolled to the bottom, the drawer's Providers link is out of view (top ${Math.round(l.top)} px)`);
            window.scrollTo(0, 0);
            return problems;
        }
        """;

    /// <summary>
    /// The app bar on a narrow window: every button of the time switch shows its whole word with room beside it, the
    /// demo chip is in view, and the bar does not overflow; the title is what gives way.
    /// </summary>
    private const string CheckAppBar =
        """
        () => {
            const problems = [];
            const bar = document.querySelector('.mud-appbar .mud-toolbar');
            if (bar.scrollWidth > bar.clientWidth + 1) problems.push(`the app bar overflows: ${bar.scrollWidth} px in ${bar.clientWidth} px`);
            for (const button of document.querySelectorAll('.time-mode-switch button')) {
                const label = button.querySelector('.mud-button-label');
                const text = label.textContent.trim();
                const need = label.scrollWidth + 6;
                if (button.clientWidth < need) problems.push(`the time switch's "${text}" has ${button.clientWidth} px for ${label.scrollWidth} px of text`);
            }
            const chip = document.querySelector('.mud-appbar .mud-chip');
            if (chip && chip.getBoundingClientRect().right > innerWidth + 1) problems.push(`the demo chip ends at ${Math.round(chip.getBoundingClientRect().right)} px of ${innerWidth}`);
            return problems;
        }
        """;

    [Theory]
    [InlineData(390)]
    [InlineData(640)]
    [InlineData(800)]
    public async Task AppBar_AtNarrowWidth_KeepsTheTimeSwitchWhole(int width)
    {
        fixture.RequireBrowser();
        var pages = await fixture.PagesAsync("demo");

        await fixture.RunJourneyAsync($"layout-appbar-{width}", async session =>
        {
            await pages.OpenAsync(session, "team");
            var problems = (await session.Page.EvaluateAsync<JsonElement>(CheckAppBar)).EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.True(problems.Count == 0, $"the app bar at {width} px:\n" + string.Join('\n', problems));
        },
        options =>
        {
            pages.Configure(options);
            options.ViewportSize = new ViewportSize { Width = width, Height = Height };
        });
    }

    /// <summary>
    /// Each count in the providers table's "Pulls by status" beside its status: the number's middle at the label's
    /// (an inline badge put the number on the icon's bottom edge, a subscript).
    /// </summary>
    private const string CheckStatusCounts =
        """
        () => {
            const pairs = [...document.querySelectorAll('[data-testid=providers-table] td span:has(> .status-badge)')];
            if (pairs.length === 0) return ['no status count in the providers table'];
            return pairs.flatMap(pair => {
                const label = pair.querySelector('.status-badge').getBoundingClientRect();
                const count = pair.querySelector('a').getBoundingClientRect();
                const offset = Math.round((count.top + count.height / 2) - (label.top + label.height / 2));
                return Math.abs(offset) > 2 ? [`'${pair.textContent.trim()}': the count sits ${offset} px off its status's middle`] : [];
            });
        }
        """;

    /// <summary>The user page's three actions (copy link, copy as Markdown, download JSON) on one line, whatever line that is.</summary>
    private const string CheckUserActions =
        """
        () => {
            const tops = ['copy-link', 'copy-markdown', 'download-json'].map(id => document.querySelector(`[data-testid=${id}]`).getBoundingClientRect().top);
            return Math.max(...tops) - Math.min(...tops) > 2 ? [`the actions' tops are ${tops.map(Math.round).join(', ')} px: they are split over lines`] : [];
        }
        """;

    /// <summary>
    /// Each resource of the user page's provider tab, drawn as a block (the table is too narrow for its columns), in at
    /// most two lines of values (its name and status to time ran, then freshness, error details, release and trace id),
    /// and no value wider than its cell.
    /// </summary>
    private const string CheckResourceBlocks =
        """
        () => {
            const rows = [...document.querySelectorAll('.provider-resources tbody tr:not(.note-row)')];
            if (rows.length === 0) return ['no resource on the user page'];
            return rows.flatMap(row => {
                if (getComputedStyle(row).display !== 'grid') return [`'${row.dataset.resource ?? row.textContent.slice(0, 20)}' is a table row, not a block`];
                const name = row.querySelector('.resource-name')?.textContent.trim();
                const cells = [...row.children].filter(c => c.getClientRects().length > 0);
                const lines = new Set(cells.map(c => Math.round(c.getBoundingClientRect().top)));
                const wide = cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => `'${name}': ${c.dataset.label ?? c.className} needs ${c.scrollWidth} px of ${c.clientWidth}`);
                return [...(lines.size > 2 ? [`'${name}' takes ${lines.size} lines`] : []), ...wide];
            });
        }
        """;

    /// <summary>1216 px: the narrowest window whose provider tab gets the six columns (the block container about 900 px wide).</summary>
    [Theory]
    [InlineData(1216)]
    [InlineData(1280)]
    public Task UserPage_AtWidth_EachResourceBlockInTwoLinesAndWhole(int width) => AssertLooksRightAsync("user-many", width, CheckResourceBlocks);

    [Fact]
    public Task ProvidersTable_StatusCounts_SitOnTheirStatusesLine() => AssertLooksRightAsync("providers", 1280, CheckStatusCounts);

    [Theory]
    [InlineData(800)]
    [InlineData(1280)]
    [InlineData(1440)]
    public Task UserHeader_AtWidth_KeepsItsActionsTogether(int width) => AssertLooksRightAsync("user-many", width, CheckUserActions);

    /// <summary>Opens the demo dashboard's <paramref name="page"/> at <paramref name="width"/> px and runs a check that lists what is wrong.</summary>
    private async Task AssertLooksRightAsync(string page, int width, string check)
    {
        fixture.RequireBrowser();
        var pages = await fixture.PagesAsync("demo");

        await fixture.RunJourneyAsync($"layout-{page}-{width}-check", async session =>
        {
            await pages.OpenAsync(session, page);
            var problems = (await session.Page.EvaluateAsync<JsonElement>(check)).EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.True(problems.Count == 0, $"{pages.Path(page)} at {width} px:\n" + string.Join('\n', problems.Take(20)));
        },
        options =>
        {
            pages.Configure(options);
            options.ViewportSize = new ViewportSize { Width = width, Height = Height };
        });
    }

    public static TheoryData<string, int, string> Views()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var page in new[] { "team", "user-many", "provider", "changes" })
        {
            foreach (var width in new[] { 800, 1280, 1440 })
            {
                foreach (var theme in new[] { "light", "dark" })
                {
                    data.Add(page, width, theme);
                }
            }
        }

        // A common laptop window, where the grid's connection column is at its narrowest (it cut "read 17 min ago").
        data.Add("team", 1366, "light");
        return data;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Page_AtWidth_ShowsWhatMattersWhole(string page, int width, string theme)
    {
        fixture.RequireBrowser();
        var pages = await fixture.PagesAsync("demo");

        await fixture.RunJourneyAsync($"layout-{page}-{width}-{theme}", async session =>
        {
            await pages.OpenAsync(session, page);
            var problems = (await session.Page.EvaluateAsync<JsonElement>(FindClipped, Whole[page]))
                .EnumerateArray().Select(p => p.GetString()!)
                .GroupBy(p => p, StringComparer.Ordinal)
                .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} (x{g.Count()})")
                .ToList();
            // MudBlazor docks the responsive drawer from its md breakpoint (960 px) up; below, it is an overlay.
            if (width >= 960)
            {
                problems.AddRange((await session.Page.EvaluateAsync<JsonElement>(CheckDrawer)).EnumerateArray().Select(p => p.GetString()!));
            }

            DashboardFixture.Log($"{pages.Path(page)} at {width} px ({theme}): {problems.Count} problem(s)\n" + string.Join('\n', problems.Take(40)));
            Assert.True(problems.Count == 0, $"{pages.Path(page)} at {width} px ({theme}) cuts off what matters:\n" + string.Join('\n', problems.Take(40)));
        },
        options =>
        {
            pages.Configure(options);
            options.ViewportSize = new ViewportSize { Width = width, Height = Height };
            options.ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        });
    }
}
