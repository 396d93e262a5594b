using System.Diagnostics;
using Dashboard.Web.Data.Team;
using Microsoft.Extensions.DependencyInjection;
using Vital.Introspection;

namespace Dashboard.Benchmarks;

/// <summary>
/// Time to a complete team snapshot, the way the dashboard builds it (its own services, client, resilience and
/// 429 gate), against the simulator host over loopback HTTP with a configured latency. Passes:
/// <list type="bullet">
/// <item><c>sequential</c>: <c>Vital:ScanMode=Sequential</c>, the plain cursor walk (the baseline);</item>
/// <item><c>first</c>: the default per-provider scan of a dashboard that just started (no provider sizes known yet);</item>
/// <item><c>refresh</c>: the same scan with the provider sizes the previous scan recorded (every refresh after the
/// first scans largest first), measured on a fresh dashboard handed those sizes so no discovery walk overlaps.</item>
/// </list>
/// Each pass is a fresh dashboard, disposed (which stops its background discovery walk) before the next.
/// </summary>
internal static class ScanCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var baseUrl = args.Require("base-url");
        var users = args.Int("users", 0);
        var latencyMs = args.Int("latency-ms", 0);
        var userLimit = args.Int("user-limit", 50);
        var concurrency = args.Get("concurrency");
        var passes = (args.Get("passes") ?? "sequential,first,refresh").Split(',', StringSplitOptions.RemoveEmptyEntries);

        using var simulator = new SimulatorClient(baseUrl);
        await WarmUpAsync(baseUrl).ConfigureAwait(false);
        await simulator.WaitForQuietAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30)).ConfigureAwait(false);

        var results = new List<ScanPass>();
        IReadOnlyDictionary<string, int>? sizes = null;
        foreach (var pass in passes)
        {
            var (mode, seeded) = pass switch
            {
                "sequential" => (TeamScanMode.Sequential, null),
                "first" => (TeamScanMode.PerProvider, null),
                "refresh" => (TeamScanMode.PerProvider, Seeded(sizes ?? throw new ArgumentException("refresh needs an earlier pass to learn the provider sizes"))),
                _ => throw new ArgumentException($"Unknown pass '{pass}'."),
            };

            var (result, seen) = await MeasureAsync(pass, baseUrl, mode, seeded, concurrency, simulator, users, userLimit, latencyMs).ConfigureAwait(false);
            results.Add(result);
            sizes ??= seen;
            await simulator.WaitForQuietAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            Console.Error.WriteLine($"scan {users} users, {pass}: {result.Seconds:F2} s, {result.ScanRequests} requests, largest walk {result.LargestProvider} {result.LargestPages} pages");
        }

        args.Write(new { users, latency_ms = latencyMs, user_limit = userLimit, scan_concurrency = concurrency ?? "default", passes = results });
        return 0;
    }

    private static ProviderDiscovery Seeded(IReadOnlyDictionary<string, int> sizes)
    {
        var discovery = new ProviderDiscovery();
        discovery.RecordSizes(sizes);
        return discovery;
    }

    private static async Task<(ScanPass Result, Dictionary<string, int> Sizes)> MeasureAsync(
        string pass, string baseUrl, TeamScanMode mode, ProviderDiscovery? seeded, string? concurrency,
        SimulatorClient simulator, int users, int userLimit, int latencyMs)
    {
        var counter = new UpstreamCounter();
        var settings = DashboardHost.Live(baseUrl);
        settings["Vital:ScanMode"] = mode.ToString();
        settings["Vital:UserLimit"] = userLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Vital:CacheSeconds"] = "3600";
        if (concurrency is not null)
        {
            settings["Vital:ScanConcurrency"] = concurrency;
        }

        await using var host = new DashboardHost(settings, services =>
        {
            UpstreamCounter.Install(counter)(services);
            if (seeded is not null)
            {
                services.AddSingleton(seeded);
            }
        });
        var snapshots = host.Services.GetRequiredService<ITeamSnapshots>();

        var before = (await simulator.StatsAsync().ConfigureAwait(false)).RequestCount;
        var clock = Stopwatch.StartNew();
        var snapshot = await snapshots.WhenCompleteAsync(CancellationToken.None).ConfigureAwait(false);
        clock.Stop();
        // A per-provider scan's requests carry a provider (but its first-scan sample); the discovery walk that
        // follows it never does, and starts after the scan's last request.
        var scanRequests = mode == TeamScanMode.PerProvider ? counter.PerProviderScan : counter.Total;
        var sampled = mode == TeamScanMode.PerProvider ? counter.Unfiltered : 0;
        var perProvider = counter.ByProvider.Where(p => p.Key.Length > 0).ToDictionary(p => p.Key, p => p.Value);
        var after = (await simulator.StatsAsync().ConfigureAwait(false)).RequestCount;
        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1")
        {
            foreach (var walk in counter.Walks().OrderBy(w => w.Start).Take(14))
            {
                Console.Error.WriteLine($"  {walk.Provider,-20} start {walk.Start,7:F0} ms  last {walk.Last,7:F0} ms  {walk.Pages} requests");
            }
        }

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        long pulls = 0;
        foreach (var user in snapshot.Users)
        {
            pulls += user.PullCount;
            foreach (var provider in user.Providers)
            {
                sizes[provider] = sizes.GetValueOrDefault(provider) + 1;
            }
        }

        // The floor: the largest cursor walk (a provider's pulls or its ongoing data: the scanner runs the two side by side).
        var largest = counter.ByWalk.Count > 0 ? counter.ByWalk.MaxBy(p => p.Value) : new KeyValuePair<string, int>("(none: one walk)", scanRequests);
        var floorSeconds = largest.Value * latencyMs / 1000.0;
        return (new ScanPass(
            pass,
            mode.ToString(),
            snapshot.Error,
            clock.Elapsed.TotalSeconds,
            snapshot.Count,
            pulls,
            scanRequests,
            sampled,
            mode == TeamScanMode.Sequential ? after - before : null,
            users > 0 ? (users + userLimit - 1) / userLimit : null,
            perProvider.Count,
            largest.Key,
            largest.Value,
            floorSeconds,
            floorSeconds > 0 ? clock.Elapsed.TotalSeconds / floorSeconds : null,
            counter.AnswerMilliseconds(largest.Key)), sizes);
    }

    /// <summary>JIT and connection set-up out of the measured passes: small scans in process, a few pages over HTTP.</summary>
    private static async Task WarmUpAsync(string baseUrl)
    {
        foreach (var mode in new[] { TeamScanMode.Sequential, TeamScanMode.PerProvider })
        {
            var settings = DashboardHost.InProcess(500);
            settings["Vital:ScanMode"] = mode.ToString();
            await using var demo = new DashboardHost(settings);
            await demo.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await using var live = new DashboardHost(DashboardHost.Live(baseUrl));
        var client = live.Services.GetRequiredService<IVitalIntrospectionClient>();
        for (var i = 0; i < 3; i++)
        {
            await client.GetPageAsync(new HistoricalPullPageRequest()).ConfigureAwait(false);
            await client.GetPageAsync(new HistoricalPullPageRequest { Provider = ProviderSlug.AppleHealthKit }).ConfigureAwait(false);
        }
    }
}

internal sealed record ScanPass(
    string Pass,
    string Mode,
    string? Error,
    double Seconds,
    int Users,
    long Pulls,
    int ScanRequests,
    int SampleRequests,
    long? SimulatorRequests,
    int? MinimumRequests,
    int Walks,
    string LargestProvider,
    int LargestPages,
    double FloorSeconds,
    double? OverFloor,
    double? LargestWalkAnswerMs);
