using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The Content-Security-Policy checked where it matters: the real page in a real Chromium, whose console reports
/// every violation. The page must load without one and its Blazor circuit must connect (the WebSocket is allowed).
/// Skipped where no Chromium is installed; the browser suite proper lives in Dashboard.EndToEnd.Tests.
/// </summary>
public sealed class BrowserCspTests
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    [Fact]
    public async Task Home_InChromium_HasNoCspViolationAndConnectsTheCircuit()
    {
        var chromium = Candidates.FirstOrDefault(File.Exists);
        Assert.SkipWhen(chromium is null, "No Chromium on this machine.");
        var sink = new InMemorySink();
        await using var root = SecurityTestKit.Factory(new Dictionary<string, string?> { ["Simulator:Users"] = "20" }, sink: sink);
        // Development serves the framework's static assets from the build output (a published app serves them itself).
        await using var factory = root.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");

        string console;
        try
        {
            console = await RunAsync(chromium!, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/", profile.FullName);
        }
        finally
        {
            profile.Delete(recursive: true);
        }

        var lines = console.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(lines, l => l.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || l.Contains("Refused to", StringComparison.Ordinal));
        Assert.Contains(sink.Events, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/_blazor\""
            && e.Properties.TryGetValue("StatusCode", out var status) && status.ToString() == "101");
    }

    private static async Task<string> RunAsync(string chromium, string url, string profile)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=8000",
            $"--user-data-dir={profile}", "--dump-dom", url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.Contains("mud-", await stdout, StringComparison.Ordinal);
        return await stderr;
    }
}
