using System.Diagnostics;
using Dashboard.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>
/// All browser journeys share one simulator, one dashboard and one Chromium, and run one after another, and not
/// beside other collections: the container tests create Docker networks, and Chromium aborts requests in flight when
/// the machine's network interfaces change (net::ERR_NETWORK_CHANGED).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The whole product as in production, started once per run: <c>Vital.Simulator.Host</c> over HTTP, the dashboard in
/// live mode against it (HTTP client, resilience, cache, diagnosis, rendering and SignalR all real), and Debian's
/// Chromium driven by Playwright. Each test opens its own browser context (<see cref="OpenAsync"/>).
/// </summary>
/// <remarks>
/// Settings chosen for journeys that must not wait: upstream answers are cached 2 s (a Refresh reaches the simulator),
/// user pages auto-refresh every 5 s, one quick retry, and a circuit breaker that never opens (after a fault burst the
/// next try goes through). Outside CI, a machine without Chromium skips every browser test with the reason.
/// </remarks>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>
    /// A sandbox key's shape (the simulator accepts any): the dashboard runs in Development here for its static web
    /// assets, and Development refuses a production key.
    /// </summary>
    public const string ApiKey = "sk_us_E2E_browser_journeys_not_a_real_key";

    public const int ViewportWidth = 1400;
    public const int ViewportHeight = 950;

    /// <summary>The browser's zone in every context: not UTC, so Local and UTC times differ.</summary>
    public const string BrowserTimeZone = "America/New_York";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly SemaphoreSlim _startGate = new(1, 1);

    /// <summary>The dashboards started on demand beside the main one (<see cref="StartOnceAsync"/>), by name.</summary>
    private readonly Dictionary<string, AppProcess> _others = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DashboardPages> _pages = new(StringComparer.Ordinal);
    private AppProcess? _simulator;
    private AppProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _sandbox;

    /// <summary>Why the browser tests cannot run on this machine, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public Uri DashboardUrl => _dashboard?.BaseAddress ?? throw new InvalidOperationException("The dashboard is not running.");

    public SimulatorControl Simulator { get; private set; } = null!;

    /// <summary>The dashboard's own HTTP endpoints (JSON, Markdown, CSV), called from the test as a script would.</summary>
    public HttpClient DashboardHttp { get; private set; } = null!;

    /// <summary>Where screenshots and the apps' logs go: <c>&lt;results directory&gt;/screenshots</c> and <c>…/e2e-logs</c>.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(ResultsDirectory(), "screenshots");

    public string LogDirectory { get; } = Path.Combine(ResultsDirectory(), "e2e-logs");

    public async ValueTask InitializeAsync()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            Unavailable = "Chromium was not found (looked for CHROMIUM_PATH, then chromium / chromium-browser on the PATH): apt-get install chromium.";
            return;
        }

        try
        {
            await StartAsync(chromium);
        }
        catch
        {
            // Stop what did start (disposing twice is harmless, should xunit dispose a fixture that failed to start).
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(string chromium)
    {
        var clock = Stopwatch.StartNew();
        // Only this run's pictures (a stale "….failed.png" would mislead).
        if (Directory.Exists(ScreenshotDirectory))
        {
            Directory.Delete(ScreenshotDirectory, recursive: true);
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _sandbox = Directory.CreateTempSubdirectory("dashboard-e2e-").FullName;
        var secrets = Directory.CreateDirectory(Path.Combine(_sandbox, "secrets")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_sandbox, "home")).FullName;

        _simulator = AppProcess.Start("simulator", "Vital.Simulator.Host.dll", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Simulator__Users"] = "500",
            ["Simulator__Seed"] = "1",
        }, LogDirectory);

        _dashboard = AppProcess.Start("dashboard", "Dashboard.Web.dll", new Dictionary<string, string>
        {
            // Development: the static web assets (blazor.web.js, MudBlazor) are served from the build's manifest, as
            // `dotnet run` does; Production would need a published folder.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // Nothing from the machine: no Docker secrets (/run/secrets), no user-secrets (Development reads them from
            // ~/.microsoft/usersecrets), no data-protection keys of a real install.
            ["DASHBOARD_SECRETS_DIR"] = secrets,
            ["HOME"] = home,
            // The history store in this run's sandbox, not data/ beside the build: a store kept from the run before held
            // its manual refreshes, and a third run within the hour found Vital's 8 a user used up.
            ["Store__ConnectionString"] = $"Data Source={Path.Combine(_sandbox, "dashboard.db")}",
            ["Vital__ApiKey"] = ApiKey,
            ["Vital__BaseUrl"] = _simulator.BaseAddress.ToString(),
            ["Vital__CacheSeconds"] = "2",
            ["Vital__Resilience__MaxRetryAttempts"] = "1",
            ["Vital__Resilience__BaseDelay"] = "00:00:00.05",
            ["Vital__Resilience__AttemptTimeout"] = "00:00:02",
            ["Vital__Resilience__TotalTimeout"] = "00:00:05",
            ["Vital__Resilience__CircuitBreakerMinimumThroughput"] = "1000",
            ["Ui__AutoRefreshSeconds"] = "5",
            ["Auth__Mode"] = "None",
            ["Auth__AllowAnonymous"] = "true",
            ["Api__RequestsPerMinute"] = "10000",
        }, LogDirectory);

        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(
            _simulator.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), startup.Token),
            _dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), startup.Token));

        Simulator = new SimulatorControl(_simulator.BaseAddress);
        await Simulator.LoadScenariosAsync(startup.Token);
        DashboardHttp = new HttpClient { BaseAddress = _dashboard.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The team's first scan (the CSV waits for it), before any journey's clock runs.
        using (var csv = await DashboardHttp.GetAsync(new Uri("/api/users.csv", UriKind.Relative), startup.Token))
        {
            csv.EnsureSuccessStatusCode();
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        Assertions.SetDefaultExpectTimeout(15_000);

        Log($"Browser journeys: simulator {_simulator.BaseAddress}, dashboard {_dashboard.BaseAddress}, {chromium} ({_browser.Version}), ready in {clock.Elapsed.TotalSeconds:0.0} s");
        Log($"Browser journeys: screenshots in {ScreenshotDirectory}, logs in {LogDirectory}");
    }

    /// <summary>
    /// The dashboard in demo mode, as a new user first meets it: no Vital key, so the simulated team runs in process
    /// (500 users, seed 1, the simulator's defaults spelled out) and the pages carry the "Demo data" chip and banner.
    /// Started the first time a test asks (the other journeys never pay for it), its first team scan done.
    /// </summary>
    public Task<Uri> DemoUrlAsync() =>
        StartOnceAsync("dashboard-demo", new Dictionary<string, string>
        {
            ["Simulator__Users"] = "500",
            ["Simulator__Seed"] = "1",
            ["Api__RequestsPerMinute"] = "10000",
        }, firstScan: true);

    /// <summary>The group whose members are operators on <see cref="SignedInUrlAsync"/>.</summary>
    public const string OperatorGroup = "support-oncall";

    /// <summary>
    /// The dashboard behind a trusted proxy (live, against the same simulator), where people have roles: the browser
    /// plays the proxy, sending <c>X-Forwarded-Email</c> and <c>X-Forwarded-Groups</c> from loopback, the known proxy.
    /// Members of <see cref="OperatorGroup"/> are operators. Started the first time a test asks.
    /// </summary>
    public Task<Uri> SignedInUrlAsync() =>
        StartOnceAsync("dashboard-signed-in", new Dictionary<string, string>
        {
            ["Vital__ApiKey"] = ApiKey,
            ["Vital__BaseUrl"] = _simulator!.BaseAddress.ToString(),
            ["Vital__CacheSeconds"] = "2",
            ["Auth__Mode"] = "TrustedProxy",
            ["Auth__TrustedProxy__KnownProxies__0"] = "127.0.0.1",
            ["Auth__TrustedProxy__KnownProxies__1"] = "::1",
            ["Auth__Roles__operator__0"] = OperatorGroup,
            ["Api__RequestsPerMinute"] = "10000",
        }, firstScan: false);

    /// <summary>
    /// Another dashboard process beside the main one, started once per run under <paramref name="name"/> with
    /// <paramref name="settings"/> (in Development, with a home and secrets folder of its own), healthy and, with
    /// <paramref name="firstScan"/>, its first team scan done; later calls return the running one.
    /// </summary>
    private async Task<Uri> StartOnceAsync(string name, Dictionary<string, string> settings, bool firstScan)
    {
        RequireBrowser();
        await _startGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_others.TryGetValue(name, out var process))
            {
                var environment = new Dictionary<string, string>(settings)
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["DASHBOARD_SECRETS_DIR"] = Directory.CreateDirectory(Path.Combine(_sandbox!, name + "-secrets")).FullName,
                    ["HOME"] = Directory.CreateDirectory(Path.Combine(_sandbox!, name + "-home")).FullName,
                };
                // A history store of its own (see StartAsync), unless the settings name one.
                environment.TryAdd("Store__ConnectionString", $"Data Source={Path.Combine(_sandbox!, name + ".db")}");
                process = AppProcess.Start(name, "Dashboard.Web.dll", environment, LogDirectory);
                try
                {
                    using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                    await process.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), startup.Token);
                    if (firstScan)
                    {
                        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                        using var csv = await http.GetAsync(new Uri("/api/users.csv", UriKind.Relative), startup.Token);
                        csv.EnsureSuccessStatusCode();
                    }
                }
                catch
                {
                    await process.DisposeAsync();
                    throw;
                }

                _others[name] = process;
                Log($"{name}: {process.BaseAddress}");
            }

            return process.BaseAddress;
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>
    /// The pages of the dashboard in <paramref name="mode"/> (<c>demo</c>: <see cref="DemoUrlAsync"/>, <c>live</c>: the
    /// one against the simulator host), read once per run.
    /// </summary>
    public async Task<DashboardPages> PagesAsync(string mode)
    {
        var baseUrl = mode switch
        {
            "demo" => await DemoUrlAsync(),
            "live" => DashboardUrl,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "demo or live"),
        };
        lock (_pages)
        {
            if (_pages.TryGetValue(mode, out var known))
            {
                return known;
            }
        }

        var pages = await DashboardPages.LoadAsync(mode, baseUrl, TestContext.Current.CancellationToken);
        lock (_pages)
        {
            _pages[mode] = pages;
        }

        return pages;
    }

    /// <summary>Skips the test outside CI when the machine has no Chromium; fails it under <c>CI=true</c>.</summary>
    public void RequireBrowser() => Requirement.Require(Unavailable is null, Unavailable ?? string.Empty);

    /// <summary>
    /// A fresh browser context (no cookies, no storage) and page: 1400×950, light theme, en-US, the browser in
    /// <see cref="BrowserTimeZone"/>, downloads accepted. <paramref name="configure"/> adjusts the options.
    /// </summary>
    public async Task<BrowserSession> OpenAsync(Action<BrowserNewContextOptions>? configure = null)
    {
        RequireBrowser();
        var options = new BrowserNewContextOptions
        {
            BaseURL = DashboardUrl.ToString(),
            ViewportSize = new ViewportSize { Width = ViewportWidth, Height = ViewportHeight },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
            TimezoneId = BrowserTimeZone,
            AcceptDownloads = true,
        };
        configure?.Invoke(options);
        var context = await _browser!.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(this, context, page);
    }

    /// <summary>
    /// Runs one journey in a fresh context and saves its final state as <c>&lt;name&gt;.png</c> (full page), or
    /// <c>&lt;name&gt;.failed.png</c> when it fails; the page must end without script errors and with its circuit alive.
    /// </summary>
    public async Task RunJourneyAsync(string name, Func<BrowserSession, Task> journey, Action<BrowserNewContextOptions>? configure = null)
    {
        await using var session = await OpenAsync(configure);
        try
        {
            await journey(session);
            await session.AssertHealthyAsync();
            await session.ScreenshotAsync(name, fullPage: true);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.SkipException)
        {
            await session.TryScreenshotAsync(name + ".failed");
            Log($"Dashboard log (last lines) after {name} failed:\n{_dashboard?.Tail(30)}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        DashboardHttp?.Dispose();
        Simulator?.Dispose();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
            _dashboard = null;
        }

        foreach (var other in _others.Values)
        {
            await other.DisposeAsync();
        }

        _others.Clear();
        _startGate.Dispose();

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
            _simulator = null;
        }

        if (_sandbox is not null)
        {
            Directory.Delete(_sandbox, recursive: true);
            _sandbox = null;
        }
    }

    internal static void Log(string message)
    {
        TestContext.Current.SendDiagnosticMessage(message);
        TestContext.Current.TestOutputHelper?.WriteLine(message);
    }

    /// <summary>CHROMIUM_PATH, else <c>chromium</c> or <c>chromium-browser</c> on the PATH (Debian's package).</summary>
    private static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The test run's results directory: <c>--results-directory</c> when the runner was given one (as <c>.ci/run</c>
    /// does), else Microsoft.Testing.Platform's default, <c>TestResults</c> beside the test assembly.
    /// </summary>
    private static string ResultsDirectory()
    {
        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, "--results-directory");
        return at >= 0 && at + 1 < args.Length
            ? Path.GetFullPath(args[at + 1])
            : Path.Combine(AppContext.BaseDirectory, "TestResults");
    }
}
