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
    private readonly List<string> _errors = [];

    internal BrowserSession(DashboardFixture fixture, IBrowserContext context, IPage page)
    {
        _fixture = fixture;
        Context = context;
        Page = page;
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
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
        await Page.GotoAsync(path);
        await WaitForCircuitAsync(Page);
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);

    /// <summary>The team page once the scan of the team is complete and no refresh is running.</summary>
    public async Task WaitForTeamAsync()
    {
        await Expect(Page.Locator("[data-testid=team-grid]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=as-of]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=scan-progress]")).ToHaveCountAsync(0);
    }

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

    /// <summary>No script error was logged, and the circuit is alive (Blazor's reconnect dialog is not showing).</summary>
    public async Task AssertHealthyAsync()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The page logged errors:\n" + string.Join('\n', _errors));
        }

        await Expect(Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
