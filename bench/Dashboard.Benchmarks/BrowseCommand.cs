using System.Diagnostics;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks;

/// <summary>
/// The browser side of <see cref="CircuitMemoryCommand"/>, in its own process: reads <c>open URL COUNT</c> lines,
/// opens that many tabs (each loads the page and connects its circuit), answers <c>ok</c>; ends at <c>quit</c>.
/// </summary>
internal static class BrowseCommand
{
    public const string ChromiumEnvironment = "BENCH_CHROMIUM";

    public static async Task<int> RunAsync(Arguments args)
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumEnvironment) ?? "/usr/bin/chromium";
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }).ConfigureAwait(false);
        var context = await browser.NewContextAsync().ConfigureAwait(false);

        string? line;
        while ((line = await Console.In.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["open", var url, var countText])
            {
                // A few tabs at a time: quicker than one by one, gentler on two cores than all at once.
                var count = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
                await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
                {
                    var page = await context.NewPageAsync().ConfigureAwait(false);
                    await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 120_000 }).ConfigureAwait(false);
                }).ConfigureAwait(false);

                Console.WriteLine("ok");
            }
            else if (parts is ["quit"])
            {
                break;
            }
        }

        await context.CloseAsync().ConfigureAwait(false);
        return 0;
    }
}

/// <summary>This program again as <c>browse</c>, driven over its standard input.</summary>
internal sealed class BrowserProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BrowserProcess(Process process) => _process = process;

    public static Task<BrowserProcess> StartAsync()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BrowserProcess).Assembly.Location);
        }

        start.ArgumentList.Add("browse");
        return Task.FromResult(new BrowserProcess(Process.Start(start)!));
    }

    public async Task OpenAsync(string url, int tabs)
    {
        await _process.StandardInput.WriteLineAsync($"open {url} {tabs}").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        var answer = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        if (answer != "ok")
        {
            throw new InvalidOperationException($"The browser process answered '{answer}' to opening {url}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
