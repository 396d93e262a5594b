using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// One browser context and its page, with what the journeys need around them: navigation that waits for the live
/// (interactive) page, screenshots, the clipboard, and a record of script errors, so a journey can prove it ended
/// without a crash.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly DashboardFixture _fixture;
    private const string NetworkChanged = "net::ERR_NETWORK_CHANGED";

    private readonly List<string> _errors = [];

    internal BrowserSession(DashboardFixture fixture, IBrowserContext context, IPage page)
    {
        _fixture = fixture;
        Context = context;
        Page = page;
        Page.Console += (_, message) =>
        {
            // A Docker network appearing elsewhere on the machine makes Chromium abort requests in flight: that is
            // not the page's doing (a request that mattered fails the journey's own checks).
            if (message.Type == "error" && !message.Text.Contains(NetworkChanged, StringComparison.Ordinal))
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        Page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public DashboardFixture Fixture => _fixture;

    /// <summary>
    /// Opens a dashboard path and waits for Blazor's circuit: the layout marks itself <c>data-interactive</c> once it
    /// has rendered live, so clicks are no longer lost on the prerendered HTML.
    /// </summary>
    public async Task GotoAsync(string path)
    {
        try
        {
            await Page.GotoAsync(path);
        }
        catch (PlaywrightException ex) when (ex.Message.Contains(NetworkChanged, StringComparison.Ordinal))
        {
            await Page.GotoAsync(path);
        }

        await WaitForCircuitAsync(Page);
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);

    /// <summary>The team page once the scan of the team is complete, no refresh is running and the grid shows its rows.</summary>
    public async Task WaitForTeamAsync()
    {
        await Expect(Page.Locator("[data-testid=team-grid]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=as-of]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=scan-progress]")).ToHaveCountAsync(0);
        await WaitForGridRowsAsync(Page);
    }

    /// <summary>
    /// Waits until the virtualized grid shows its rows from the top. While it measures itself after a (re)load,
    /// Blazor's Virtualize briefly renders a one-row spacer above the rows (the first user missing for ~50 ms); its
    /// top spacer is back to 0 px once the rows are in place.
    /// </summary>
    public static Task WaitForGridRowsAsync(IPage page) =>
        page.WaitForFunctionAsync(
            """
            () => {
                const body = document.querySelector('[data-testid=team-grid] tbody');
                const spacer = body && body.firstElementChild;
                const scroller = document.querySelector('[data-testid=team-grid] .mud-table-container');
                return !!spacer && !!body.querySelector('[data-testid=user-link]')
                    && (scroller.scrollTop > 0 || spacer.style.height === '0px');
            }
            """);

    /// <summary>A user page once its diagnosis is shown.</summary>
    public async Task WaitForUserAsync()
    {
        await Expect(Page.Locator("[data-testid=headline]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=provider-tabs]")).ToBeVisibleAsync();
    }

    /// <summary>What the page put on the clipboard (the context must hold the clipboard permissions).</summary>
    public Task<string> ReadClipboardAsync() => Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

    /// <summary>Saves the page as <c>&lt;name&gt;.png</c> in the screenshot folder and attaches it to the test result.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = false)
    {
        var path = Path.Combine(_fixture.ScreenshotDirectory, name + ".png");
        var bytes = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
        DashboardFixture.Log($"Screenshot: {path}");
        return path;
    }

    public async Task TryScreenshotAsync(string name)
    {
        try
        {
            await ScreenshotAsync(name, fullPage: true);
        }
        catch (PlaywrightException ex)
        {
            DashboardFixture.Log($"No screenshot {name}: {ex.Message}");
        }
    }

    /// <summary>Forgets the errors logged so far that contain <paramref name="text"/> (a journey that asks for a missing page).</summary>
    public void Expected(string text)
    {
        lock (_errors)
        {
            _errors.RemoveAll(e => e.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// False for a page the server renders without a circuit (access denied, signed out): there is no live page to
    /// wait for or keep alive.
    /// </summary>
    public bool HasCircuit { get; set; } = true;

    /// <summary>No script error was logged, and the circuit is alive (Blazor's reconnect dialog is not showing).</summary>
    public async Task AssertHealthyAsync()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The page logged errors:\n" + string.Join('\n', _errors));
        }

        if (!HasCircuit)
        {
            return;
        }

        await Expect(Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
