using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dashboard.Benchmarks;

/// <summary>
/// The dashboard as deployed: its own process (<c>Dashboard.Web.dll</c> with its own runtimeconfig and GC settings),
/// live against the simulator host, the history store on SQLite in a directory of the run. Measures, in one process:
/// <list type="bullet">
/// <item>the first team scan (pulls and ongoing data) against the floor: the longest single walk (the largest
/// provider's pulls or ongoing-data pages, whichever are more) × the simulator's latency (a provider's two walks run
/// side by side in two slots), and the peak RSS sampled every 100 ms while it runs;</item>
/// <item>the resident set (<c>/proc/PID/status</c> VmRSS) and the managed heap (the runtime's
/// <c>dotnet.gc.last_collection.heap.size</c> from <c>/metrics</c>) after that scan, and the peak RSS sampled every
/// 100 ms while a rescan runs beside the shown snapshot;</item>
/// <item>the history written for each scan (changes the writer logged; from the scan's end to the writer's log
/// line) and the store's size on disk;</item>
/// <item>a restart with that store: from starting the process to the grid's first rows, and to the first data row of
/// <c>/api/users.csv</c> (the whole stored team read).</item>
/// </list>
/// The floor's page counts are read first by walking the simulator directly with its latency switched off
/// (<c>PUT /_simulator/faults</c>), then the latency is put back.
/// </summary>
internal static partial class ProcessScanCommand
{
    private const int UserLimit = 50;

    private static Dictionary<string, string> ExtraEnvironment { get; set; } = [];

    public static async Task<int> RunAsync(Arguments args)
    {
        var dashboardDir = args.Require("dashboard-dir");
        var simulatorUrl = args.Require("simulator").TrimEnd('/');
        var users = args.Int("users", 0);
        var latencyMs = args.Int("latency-ms", 150);
        var rescanLatencyMs = args.Int("rescan-latency-ms", latencyMs);
        var dataDir = Path.GetFullPath(args.Require("data"));
        var logPrefix = args.Get("log") ?? Path.Combine(dataDir, "dashboard");
        // Extra environment for the dashboard (experiments), e.g. --dashboard-env DOTNET_gcServer=0,DOTNET_GCgen0size=0x1000000
        ExtraEnvironment = (args.Get("dashboard-env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Directory.CreateDirectory(dataDir);

        // --restarts N: only restarts on the store a previous run left in --data (kept with --keep-store), N times.
        if (args.Int("restarts", 0) is > 0 and var restarts)
        {
            var times = new List<Restart>();
            for (var i = 0; i < restarts; i++)
            {
                var again = await RestartToGridAsync(dashboardDir, simulatorUrl, dataDir, $"{logPrefix}-restart-{i + 1}.log").ConfigureAwait(false);
                Console.Error.WriteLine($"restart {i + 1}: rows visible after {again.RowsVisible:F2} s (loading shown: {again.LoadingShown}), whole team {again.TeamLoaded:F2} s");
                times.Add(again);
            }

            double Median(Func<Restart, double> figure) => times.Select(figure).Order().ElementAt(times.Count / 2);
            args.Write(new
            {
                dashboard_env = ExtraEnvironment,
                restarts = times,
                rows_visible_median = Median(r => r.RowsVisible),
                team_loaded_median = Median(r => r.TeamLoaded),
            });
            return 0;
        }

        foreach (var file in Directory.GetFiles(dataDir, "dashboard.db*"))
        {
            File.Delete(file);
        }

        using var simulator = new HttpClient { BaseAddress = new Uri(simulatorUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };
        simulator.DefaultRequestHeaders.Add("x-vital-api-key", DashboardHost.BenchApiKey);

        // The floor: pages per provider, read with the latency off.
        await SetLatencyAsync(simulator, 0).ConfigureAwait(false);
        var floorPages = await ProviderPagesAsync(simulator).ConfigureAwait(false);
        await SetLatencyAsync(simulator, latencyMs).ConfigureAwait(false);
        // A provider's pulls and its ongoing data are two cursor walks the scanner runs side by side: the floor is the
        // longest single walk.
        var largest = floorPages.MaxBy(p => Math.Max(p.Value.Pulls, p.Value.Resources));
        var floorSeconds = Math.Max(largest.Value.Pulls, largest.Value.Resources) * latencyMs / 1000.0;
        Console.Error.WriteLine($"floor: {largest.Key} max({largest.Value.Pulls}, {largest.Value.Resources}) pages × {latencyMs} ms = {floorSeconds:F1} s");

        await using var dashboard = await DashboardProcess.StartAsync(dashboardDir, simulatorUrl, dataDir, logPrefix + ".log").ConfigureAwait(false);
        var afterStart = dashboard.Sample();

        // A page that asks for the team starts the first scan.
        var beforeRequests = await SimulatorRequestsAsync(simulator).ConfigureAwait(false);
        var none = await dashboard.CompletedAsync().ConfigureAwait(false);
        _ = dashboard.Http.GetAsync("/providers");
        var first = await dashboard.WaitForScanAsync(none, TimeSpan.FromMinutes(20)).ConfigureAwait(false);
        var scanRequests = await SimulatorRequestsAsync(simulator).ConfigureAwait(false) - beforeRequests;
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var afterScan = await dashboard.ReadAsync().ConfigureAwait(false);
        Console.Error.WriteLine($"first scan {users} users: {first.Seconds:F2} s ({(floorSeconds > 0 ? first.Seconds / floorSeconds : 0):F2}× the floor); peak RSS {first.PeakRssBytes / 1e6:F0} MB; RSS after it {afterScan.RssBytes / 1e6:F0} MB, heap {afterScan.HeapBytes / 1e6:F0} MB");

        // The store once the first scan (the baseline: the team state, no transitions) is written.
        await dashboard.HistoryWritesAsync(TimeSpan.FromSeconds(60), 1).ConfigureAwait(false);
        var storeAfterFirst = StoreBytes(dataDir);

        // At rest: once the scan is stored too (the history write makes the stored team from the scan, and the
        // dashboard gives back what the scan and the write left behind after it: ADR 0021).
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var atRest = await dashboard.ReadAsync().ConfigureAwait(false);
        Console.Error.WriteLine($"at rest after the first scan's history write: RSS {atRest.RssBytes / 1e6:F0} MB, heap {atRest.HeapBytes / 1e6:F0} MB");

        // The rescan: a person's Refresh after Vital:CacheSeconds (5 s here) through the providers page, which asks for a fresh team.
        // The page starts a scan only if the team is older than that: a discovery rescan may have ended moments ago (at
        // 1,000 users it ends within seconds of the first write), so wait until no scan has ended for 6 s.
        await SetLatencyAsync(simulator, rescanLatencyMs).ConfigureAwait(false);
        var scanned = await dashboard.CompletedAsync().ConfigureAwait(false);
        for (var quiet = Stopwatch.StartNew(); quiet.Elapsed < TimeSpan.FromSeconds(6);)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            var now = await dashboard.CompletedAsync().ConfigureAwait(false);
            if (now.Count != scanned.Count)
            {
                scanned = now;
                quiet.Restart();
            }
        }

        var beforeRescan = dashboard.Sample();
        _ = dashboard.Http.GetAsync("/providers");
        var rescan = await dashboard.WaitForScanAsync(scanned, TimeSpan.FromMinutes(20)).ConfigureAwait(false);
        await SetLatencyAsync(simulator, latencyMs).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var afterRescan = await dashboard.ReadAsync().ConfigureAwait(false);
        Console.Error.WriteLine($"rescan: {rescan.Seconds:F2} s, peak RSS {rescan.PeakRssBytes / 1e6:F0} MB ({(double)rescan.PeakRssBytes / afterScan.RssBytes:F2}× after the first scan)");

        var history = await dashboard.HistoryWritesAsync(TimeSpan.FromSeconds(60), (int)(await dashboard.CompletedAsync().ConfigureAwait(false)).Count).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var rescanAtRest = await dashboard.ReadAsync().ConfigureAwait(false);
        Console.Error.WriteLine($"at rest after the rescan's history write: RSS {rescanAtRest.RssBytes / 1e6:F0} MB, heap {rescanAtRest.HeapBytes / 1e6:F0} MB");
        var storeOpen = StoreBytes(dataDir);
        await dashboard.StopAsync().ConfigureAwait(false);
        var storeBytes = StoreBytes(dataDir);

        // A restart with the stored team: process start to the grid's first rows, then to the first data row of the team CSV.
        var restart = await RestartToGridAsync(dashboardDir, simulatorUrl, dataDir, logPrefix + "-restart.log").ConfigureAwait(false);
        Console.Error.WriteLine($"restart: grid rows after {restart.RowsVisible:F2} s, whole team {restart.TeamLoaded:F2} s ({restart.Rows} CSV rows read)");

        args.Write(new
        {
            users,
            dashboard_env = ExtraEnvironment,
            latency_ms = latencyMs,
            rescan_latency_ms = rescanLatencyMs,
            floor = new { provider = largest.Key, pulls_pages = largest.Value.Pulls, resources_pages = largest.Value.Resources, seconds = floorSeconds },
            first_scan = new { seconds = first.Seconds, over_floor = floorSeconds > 0 ? first.Seconds / floorSeconds : (double?)null, upstream_requests = scanRequests, peak_rss_bytes = first.PeakRssBytes },
            after_start = new { rss_bytes = afterStart.RssBytes },
            after_scan = new { rss_bytes = afterScan.RssBytes, heap_bytes = afterScan.HeapBytes, gc = afterScan.GcMode, team_users = afterScan.TeamUsers },
            after_scan_at_rest = new { rss_bytes = atRest.RssBytes, heap_bytes = atRest.HeapBytes },
            rescan = new
            {
                seconds = rescan.Seconds,
                rss_before_bytes = beforeRescan.RssBytes,
                peak_rss_bytes = rescan.PeakRssBytes,
                samples = rescan.Samples,
                peak_ratio = (double)rescan.PeakRssBytes / afterScan.RssBytes,
                rss_after_bytes = afterRescan.RssBytes,
                rss_at_rest_bytes = rescanAtRest.RssBytes,
                heap_at_rest_bytes = rescanAtRest.HeapBytes,
                heap_after_bytes = afterRescan.HeapBytes,
            },
            history = history.Select(h => new { scan = h.Scan, changes = h.Changes, baseline = h.Baseline, ms_after_scan = h.Milliseconds }),
            store_bytes = storeBytes,
            store_bytes_after_first_open = storeAfterFirst,
            store_bytes_at_end_open = storeOpen,
            restart_to_grid = new
            {
                seconds = restart.RowsVisible,
                team_loaded_seconds = restart.TeamLoaded,
                rows_read = restart.Rows,
                from_stored_team = restart.FromStoredTeam,
                loading_shown = restart.LoadingShown,
            },
        });
        return 0;
    }

    /// <summary>The SQLite file with its write-ahead log and shared memory.</summary>
    private static long StoreBytes(string dataDir) => Directory.GetFiles(dataDir, "dashboard.db*").Sum(f => new FileInfo(f).Length);

    private static async Task SetLatencyAsync(HttpClient simulator, int latencyMs)
    {
        var faults = JsonNode.Parse(await simulator.GetStringAsync("_simulator/faults").ConfigureAwait(false))!.AsObject();
        var key = faults.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "latencyMs", StringComparison.OrdinalIgnoreCase)) ?? "latencyMs";
        faults[key] = latencyMs;
        using var content = new StringContent(faults.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await simulator.PutAsync("_simulator/faults", content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> SimulatorRequestsAsync(HttpClient simulator) =>
        JsonNode.Parse(await simulator.GetStringAsync("_simulator/stats").ConfigureAwait(false))!["requestCount"]!.GetValue<long>();

    /// <summary>Users per provider from one unfiltered walk of each endpoint; a provider's walk is ceil(users / 50) pages (at least one).</summary>
    private static async Task<Dictionary<string, (int Pulls, int Resources)>> ProviderPagesAsync(HttpClient simulator)
    {
        // The two walks at once (the simulator answers each page on its own): the bench waits for the longer only.
        var pullsWalk = UsersPerProviderAsync(simulator, "v2/introspect/historical_pull");
        var resourcesWalk = UsersPerProviderAsync(simulator, "v2/introspect/resources");
        var pulls = await pullsWalk.ConfigureAwait(false);
        var resources = await resourcesWalk.ConfigureAwait(false);
        static int Pages(int n) => Math.Max(1, (n + UserLimit - 1) / UserLimit);
        return pulls.Keys.Union(resources.Keys).ToDictionary(
            p => p, p => (Pages(pulls.GetValueOrDefault(p)), Pages(resources.GetValueOrDefault(p))), StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, int>> UsersPerProviderAsync(HttpClient simulator, string path)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var url = $"{path}?user_limit={UserLimit}" + (cursor is null ? "" : "&next_cursor=" + Uri.EscapeDataString(cursor));
            using var stream = await simulator.GetStreamAsync(url).ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
            foreach (var user in page.RootElement.GetProperty("data").EnumerateArray())
            {
                if (user.TryGetProperty("provider", out var providers) && providers.ValueKind == JsonValueKind.Object)
                {
                    foreach (var provider in providers.EnumerateObject())
                    {
                        counts[provider.Name] = counts.GetValueOrDefault(provider.Name) + 1;
                    }
                }
            }

            cursor = page.RootElement.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String
                && next.GetString() is { Length: > 0 } text && text != "None" ? text : null;
        }
        while (cursor is not null);
        return counts;
    }

    /// <summary>
    /// A restart on the store: from starting the process to the grid (<c>/</c>, as the server renders it) counting its
    /// first users (the rows themselves draw once the page's circuit connects, which a restart does not change), then to the first data rows of <c>/api/users.csv</c>, which answers once the whole stored team
    /// is read. Whether the rows were the stored team's: the page said it was loading it, and the log that it was shown.
    /// </summary>
    private static async Task<Restart> RestartToGridAsync(string dashboardDir, string simulatorUrl, string dataDir, string log)
    {
        var clock = Stopwatch.StartNew();
        await using var dashboard = DashboardProcess.Launch(dashboardDir, simulatorUrl, dataDir, log);
        double? rowsVisible = null;
        var loadingShown = false;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            try
            {
                if (rowsVisible is null)
                {
                    var html = await dashboard.Http.GetStringAsync("/").ConfigureAwait(false);
                    if (RowCount().Match(html) is { Success: true } count && count.Groups[1].Value != "0")
                    {
                        rowsVisible = clock.Elapsed.TotalSeconds;
                        loadingShown = html.Contains("Loading the team as Vital showed it", StringComparison.Ordinal);
                    }
                    else
                    {
                        await Task.Delay(50).ConfigureAwait(false);
                    }

                    continue;
                }

                var rows = 0;
                using (var response = await dashboard.Http.GetAsync("/api/users.csv", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
                {
                    if (response.IsSuccessStatusCode)
                    {
                        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
                        while (rows < 101 && await reader.ReadLineAsync().ConfigureAwait(false) is not null)
                        {
                            rows++;
                        }
                    }
                }

                // The download is closed before the process is stopped: an open one, its client no longer reading,
                // holds the host's graceful shutdown for its whole timeout (30 s).
                if (rows > 1)
                {
                    var seconds = clock.Elapsed.TotalSeconds;
                    await dashboard.StopAsync().ConfigureAwait(false);
                    var stored = File.ReadAllText(log).Contains("Showing the team stored at", StringComparison.Ordinal);
                    return new Restart(rowsVisible.Value, seconds, rows - 1, stored, loadingShown);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        return new Restart(rowsVisible ?? double.NaN, double.NaN, 0, false, loadingShown);
    }

    /// <summary>The grid's count of the users it lists (its rows draw once the page's circuit connects).</summary>
    [GeneratedRegex("data-testid=\"row-count\"[^>]*>([0-9,]+) user", RegexOptions.CultureInvariant)]
    private static partial Regex RowCount();

    /// <summary>A restart's figures: seconds from the process's start to the grid's first rows and to the whole team.</summary>
    internal sealed record Restart(double RowsVisible, double TeamLoaded, int Rows, bool FromStoredTeam, bool LoadingShown);

    internal sealed record Reading(long RssBytes, long HeapBytes, string GcMode, double TeamUsers);

    internal sealed record ScanWait(double Seconds, long PeakRssBytes, int Samples);

    internal sealed record HistoryWrite(long Scan, int Changes, bool Baseline, double? Milliseconds);

    /// <summary>One dashboard process, its metrics and its log.</summary>
    private sealed partial class DashboardProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _log;
        private readonly StrongBox<int> _scansEnded;

        private DashboardProcess(Process process, string url, string log, StrongBox<int> scansEnded)
        {
            _process = process;
            _log = log;
            _scansEnded = scansEnded;
            Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        }

        public HttpClient Http { get; }

        public static DashboardProcess Launch(string dashboardDir, string simulatorUrl, string dataDir, string log)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            var start = new ProcessStartInfo("dotnet", ["Dashboard.Web.dll", "--urls", url])
            {
                WorkingDirectory = dashboardDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var env = start.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Production";
            env["Vital__ApiKey"] = DashboardHost.BenchApiKey;
            env["Vital__BaseUrl"] = simulatorUrl;
            env["Vital__CacheSeconds"] = "5";
            env["Auth__Mode"] = "None";
            env["Auth__AllowAnonymous"] = "true";
            env["Api__RequestsPerMinute"] = "100000";
            env["Metrics__Enabled"] = "true";
            env["Metrics__AllowedNetworks__0"] = "127.0.0.1/32";
            env["Store__ConnectionString"] = $"Data Source={Path.Combine(dataDir, "dashboard.db")}";
            // The connection sweep's 2 requests a second would count as the scan's and keep the upstream from going quiet.
            env["Sweep__RequestsPerSecond"] = "0";
            foreach (var (name, value) in ExtraEnvironment)
            {
                env[name] = value;
            }

            var process = Process.Start(start)!;
            var writer = new StreamWriter(log, append: false) { AutoFlush = true };
            var gate = new Lock();
            var scansEnded = new StrongBox<int>();
            void Write(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (gate)
                {
                    writer.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
                }

                if (ScanEnd().IsMatch(line))
                {
                    Interlocked.Increment(ref scansEnded.Value);
                }
            }

            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.Exited += (_, _) => writer.Dispose();
            process.EnableRaisingEvents = true;
            return new DashboardProcess(process, url, log, scansEnded);
        }

        public static async Task<DashboardProcess> StartAsync(string dashboardDir, string simulatorUrl, string dataDir, string log)
        {
            var dashboard = Launch(dashboardDir, simulatorUrl, dataDir, log);
            for (var i = 0; i < 600; i++)
            {
                try
                {
                    using var response = await dashboard.Http.GetAsync("/healthz").ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return dashboard;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100).ConfigureAwait(false);
            }

            throw new InvalidOperationException("the dashboard did not answer /healthz");
        }

        public Reading Sample() => new(Rss(), 0, "", 0);

        public long Rss()
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }

            return 0;
        }

        public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics").ConfigureAwait(false);

        public async Task<Reading> ReadAsync()
        {
            var metrics = await MetricsAsync().ConfigureAwait(false);
            var heap = Sum(metrics, "dotnet_gc_last_collection_heap_size_bytes");
            var users = Sum(metrics, "dashboard_team_users");
            var config = Path.Combine(Path.GetDirectoryName(_process.StartInfo.WorkingDirectory + "/")!, "Dashboard.Web.runtimeconfig.json");
            var gc = File.Exists(config) && File.ReadAllText(config).Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "server" : "workstation";
            return new Reading(Rss(), (long)heap, gc, users);
        }

        /// <summary>Scans completed so far, and their summed duration.</summary>
        public async Task<(double Count, double Sum)> CompletedAsync() => ScanDurations(await MetricsAsync().ConfigureAwait(false));

        /// <summary>Scans whose end the dashboard has logged ("Scanned the team: …"), counted as its output arrives.</summary>
        private int ScansEnded => Volatile.Read(ref _scansEnded.Value);

        /// <summary>
        /// Waits until a scan completes after <paramref name="before"/>; its duration (the dashboard's own, from its
        /// scan-duration histogram), and the peak RSS meanwhile. The end is watched for in the dashboard's log, and
        /// <c>/metrics</c> read once it shows (or every 5 s): a scrape while a first scan runs counts the growing team
        /// for the team gauges, so reading it every second, as this did until 2026-12-07, put the harness's own load on
        /// the scan it measured (at 100,000 users each count took up to a second; the deployed Prometheus scrapes every 15 s).
        /// </summary>
        public async Task<ScanWait> WaitForScanAsync((double Count, double Sum) before, TimeSpan limit)
        {
            var deadline = Stopwatch.StartNew();
            long peak = 0;
            var samples = 0;
            var lastMetrics = DateTime.UtcNow;
            var endedBefore = ScansEnded;
            while (deadline.Elapsed < limit)
            {
                peak = Math.Max(peak, Rss());
                samples++;

                if (ScansEnded != endedBefore || DateTime.UtcNow - lastMetrics > TimeSpan.FromSeconds(5))
                {
                    lastMetrics = DateTime.UtcNow;
                    var (count, sum) = await CompletedAsync().ConfigureAwait(false);
                    if (count > before.Count)
                    {
                        peak = Math.Max(peak, Rss());
                        return new ScanWait((sum - before.Sum) / (count - before.Count), peak, samples);
                    }
                }

                await Task.Delay(100).ConfigureAwait(false);
            }

            throw new TimeoutException($"no scan completed in {limit}");
        }

        /// <summary>Every scan's history line from the log, with the time from the scan's end (its duration line) to the write.</summary>
        public async Task<IReadOnlyList<HistoryWrite>> HistoryWritesAsync(TimeSpan limit, int expected)
        {
            var clock = Stopwatch.StartNew();
            List<HistoryWrite> writes = [];
            while (clock.Elapsed < limit)
            {
                writes = ParseLog();
                if (writes.Count >= expected)
                {
                    break;
                }

                await Task.Delay(500).ConfigureAwait(false);
            }

            return writes;
        }

        private List<HistoryWrite> ParseLog()
        {
            string[] lines;
            using (var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream))
            {
                lines = reader.ReadToEnd().Split('\n');
            }

            var writes = new List<HistoryWrite>();
            DateTimeOffset? scanEnded = null;
            foreach (var line in lines)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0 || !DateTimeOffset.TryParse(line[..space], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    continue;
                }

                if (ScanEnd().IsMatch(line))
                {
                    scanEnded = at;
                }

                if (Written().Match(line) is { Success: true } m)
                {
                    writes.Add(new HistoryWrite(
                        long.Parse(m.Groups["scan"].Value, CultureInfo.InvariantCulture),
                        int.Parse(m.Groups["changes"].Value, CultureInfo.InvariantCulture),
                        string.Equals(m.Groups["baseline"].Value, "true", StringComparison.OrdinalIgnoreCase),
                        scanEnded is { } ended ? (at - ended).TotalMilliseconds : null));
                }
            }

            return writes;
        }

        public async Task StopAsync()
        {
            if (_process.HasExited)
            {
                return;
            }

            // SIGTERM: the host stops gracefully (the store closes its file).
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync().ConfigureAwait(false);
            _process.Dispose();
            Http.Dispose();
        }

        private static (double Count, double Sum) ScanDurations(string metrics)
        {
            double count = 0, sum = 0;
            foreach (var line in metrics.Split('\n'))
            {
                if (!line.Contains("outcome=\"completed\"", StringComparison.Ordinal))
                {
                    continue;
                }

                if (line.StartsWith("dashboard_team_scan_duration_seconds_count", StringComparison.Ordinal))
                {
                    count += Value(line);
                }
                else if (line.StartsWith("dashboard_team_scan_duration_seconds_sum", StringComparison.Ordinal))
                {
                    sum += Value(line);
                }
            }

            return (count, sum);
        }

        private static double Sum(string metrics, string name) =>
            metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is '{' or ' ')).Sum(Value);

        private static double Value(string line)
        {
            // name{labels} value [timestamp], or name value [timestamp]
            var rest = line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
            return double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        [GeneratedRegex(@"History: (?<changes>\d+) changes recorded \(scan (?<scan>\d+), baseline (?<baseline>\w+)\)")]
        private static partial Regex Written();

        [GeneratedRegex(@"Scanned the team: ")]
        private static partial Regex ScanEnd();
    }
}
