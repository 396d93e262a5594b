using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Observability;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// Many people on the team grid at once. The dashboard in process (demo mode: the simulated team in process, no
/// latency) with N users, its first scan complete. Then C callers at once, each a <see cref="TeamPageModel"/> of its
/// own (what every circuit of the team page holds) over the dashboard's shared <see cref="TeamViewCache"/>, make K
/// filter or order changes each, as fast as they can: the page's work for one change is reading the address
/// (<c>Load</c>), the filtered view (<c>View</c>: a filter pass over the team, shared between callers asking the same),
/// the facets, the order (<c>TeamSort.Apply</c>) and the first screen of rows. Timed per change on the server; the
/// rendering of the rows on screen and the SignalR round trip are not in it (see the idle-circuit figure for the
/// grid's circuit). Filters are drawn from a fixed list of 24 (status, provider, resource, attention, stale,
/// searches), orders from the grid's 7 columns both ways, so callers often share a view and sometimes build one.
/// Optionally (<c>--tabs T</c>) Chromium then opens T tabs of the grid and the heap per idle grid circuit is read
/// as in <c>circuits</c>, against T tabs of the baseline page (<see cref="CircuitMemoryCommand.BaselinePath"/>).
/// </summary>
internal static class GridFilterCommand
{
    private static readonly string[] Filters =
    [
        "", "status=failure", "status=failure,retrying", "status=in_progress", "status=success", "status=not_started",
        "provider=apple_health_kit", "provider=garmin", "provider=fitbit", "provider=oura", "provider=whoop",
        "provider=garmin&status=failure", "provider=apple_health_kit&status=retrying", "resource=sleep", "resource=workouts",
        "resource=heartrate&status=failure", "attention=true", "stale=true", "attention=true&provider=garmin",
        "stale=true&provider=fitbit", "search=a1", "search=ff", "search=0", "attention=true&stale=true",
    ];

    public static async Task<int> RunAsync(Arguments args)
    {
        var users = args.Int("users", 100_000);
        var callers = args.Int("callers", 200);
        var changes = args.Int("changes", 10);
        var tabs = args.Int("tabs", 0);
        var circuits = new CircuitCount();
        // No rescan while the figures are taken: a rescan publishes a new snapshot state, and the shared view cache
        // then drops every view the callers built (up to 32, each a sorted copy of the team), which showed as a grid
        // circuit of minus a megabyte when it fell between two heap readings.
        var settings = DashboardHost.InProcess(users);
        settings["Vital:CacheSeconds"] = "3600";
        // One plain cursor walk makes the team: a per-provider scan is followed by the provider discovery walk, which
        // at 100,000 users parsed 2,000 pages beside the callers and the heap readings (the grid's p95 read 114 to
        // 499 ms, and its empty circuit up to 2.2 MB, across runs). How the team was scanned is not what this measures.
        settings["Vital:ScanMode"] = "Sequential";
        await using var host = new DashboardHost(settings, services =>
            services.AddScoped<CircuitHandler>(_ => new CountingHandler(circuits)));
        var address = tabs > 0 ? host.StartKestrel() : null;
        var snapshots = host.Services.GetRequiredService<ITeamSnapshots>();
        var clock = Stopwatch.StartNew();
        var snapshot = await snapshots.WhenCompleteAsync(CancellationToken.None).ConfigureAwait(false);
        Console.Error.WriteLine($"grid: {snapshot.Count} users scanned in {clock.Elapsed.TotalSeconds:F1} s");
        var gauges = ReadTeamGauges();
        Console.Error.WriteLine($"team gauges read (a scrape): {gauges.First:F1} ms once the team changed (the team counted), {gauges.Cached:F2} ms after that");
        var views = host.Services.GetRequiredService<TeamViewCache>();
        var sorts = Enum.GetValues<TeamSortColumn>().SelectMany(c => new[] { new TeamSort(c, false), new TeamSort(c, true) }).Select(s => s.ToQueryValue()).ToArray();

        // Warm-up: code paths and the facets, one caller.
        var warm = new TeamPageModel(snapshots, views);
        for (var i = 0; i < 5; i++)
        {
            Change(warm, "?" + Filters[i], sorts[i % sorts.Length]);
        }

        // A fresh snapshot state is not needed: the views of the warm-up stay cached as they would in a running dashboard.
        var times = new double[callers * changes];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var model = new TeamPageModel(snapshots, views);
            var random = new Random(caller);
            await start.Task.ConfigureAwait(false);
            for (var i = 0; i < changes; i++)
            {
                var filter = "?" + Filters[random.Next(Filters.Length)];
                var sort = sorts[random.Next(sorts.Length)];
                var t0 = Stopwatch.GetTimestamp();
                Change(model, filter, sort);
                times[caller * changes + i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                await Task.Yield();
            }
        })).ToArray();
        // Which snapshot the callers start on, and whether a scan runs beside them: none should (one plain walk, no
        // discovery walk after it, Vital:CacheSeconds an hour); the figures say so rather than assume it.
        var generationBefore = snapshots.Current.Generation;
        var refreshingBefore = snapshots.Refreshing is not null;
        var wall = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(work).ConfigureAwait(false);
        wall.Stop();
        Array.Sort(times);
        double P(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        var generationAfter = snapshots.Current.Generation;
        Console.Error.WriteLine($"grid filter, {callers} callers × {changes}: p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, max {times[^1]:F1} ms, wall {wall.Elapsed.TotalSeconds:F1} s; snapshot generation {generationBefore} → {generationAfter}, a scan running at the start: {refreshingBefore}");

        // One caller alone, the same changes: the baseline.
        var alone = new double[Math.Min(60, callers * changes)];
        var single = new TeamPageModel(snapshots, views);
        var rng = new Random(12345);
        for (var i = 0; i < alone.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            Change(single, "?" + Filters[rng.Next(Filters.Length)], sorts[rng.Next(sorts.Length)]);
            alone[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(alone);

        object? grid = null;
        if (address is not null)
        {
            grid = await IdleGridCircuitsAsync(address, tabs, circuits, TimeSpan.FromSeconds(args.Int("hold-seconds", 0))).ConfigureAwait(false);
        }

        args.Write(new
        {
            users = snapshot.Count,
            callers,
            changes_per_caller = changes,
            p50_ms = P(0.5),
            p95_ms = P(0.95),
            p99_ms = P(0.99),
            max_ms = times[^1],
            wall_seconds = wall.Elapsed.TotalSeconds,
            alone_p50_ms = alone[alone.Length / 2],
            alone_p95_ms = alone[Math.Min(alone.Length - 1, (int)Math.Ceiling(0.95 * alone.Length) - 1)],
            grid_circuits = grid,
            snapshot_generation_before = generationBefore,
            snapshot_generation_after = generationAfter,
            scan_running_at_start = refreshingBefore,
            snapshot_generation_at_end = snapshots.Current.Generation,
            team_gauges_first_read_ms = gauges.First,
            team_gauges_cached_read_ms = gauges.Cached,
        });
        return 0;
    }

    /// <summary>
    /// What a metrics scrape costs the dashboard for the team gauges (users, users per provider, pulls, findings, stale
    /// users): the first read after the team changed counts the whole snapshot, the next reads that count again.
    /// </summary>
    private static (double First, double Cached) ReadTeamGauges()
    {
        string[] team = [DashboardTelemetry.TeamUsers, DashboardTelemetry.TeamProviderUsers, DashboardTelemetry.TeamPulls, DashboardTelemetry.TeamFindings, DashboardTelemetry.TeamStaleUsers];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DashboardTelemetry.Name && team.Contains(instrument.Name))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        var points = 0;
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => points++);
        listener.Start();
        var t0 = Stopwatch.GetTimestamp();
        listener.RecordObservableInstruments();
        var first = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        listener.RecordObservableInstruments();
        var cached = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Console.Error.WriteLine($"  {points} gauge points in two reads");
        return (first, cached);
    }

    /// <summary>What one filter change asks of the page model: the address read, the view, the facets, the order, the first screen.</summary>
    private static int Change(TeamPageModel model, string query, string? sort)
    {
        model.Load(query, sort);
        var view = model.View;
        var facets = model.Facets;
        var ordered = model.Sort.Apply(view, TeamSort.Default);
        var shown = 0;
        for (var i = 0; i < Math.Min(50, ordered.Count); i++)
        {
            shown += ordered[i].PullCount;
        }

        return shown + (facets is null ? 0 : 1);
    }

    private static async Task<object> IdleGridCircuitsAsync(string address, int tabs, CircuitCount circuits, TimeSpan hold)
    {
        await using var browser = await BrowserProcess.StartAsync().ConfigureAwait(false);
        var settle = TimeSpan.FromSeconds(3);
        var grid = $"{address}/";
        var empty = $"{address}{CircuitMemoryCommand.BaselinePath}";
        await OpenAsync(browser, circuits, empty, 2, settle).ConfigureAwait(false);
        await OpenAsync(browser, circuits, grid, 2, settle).ConfigureAwait(false);
        var start = Heap.Live();
        await OpenAsync(browser, circuits, empty, tabs, settle).ConfigureAwait(false);
        var afterEmpty = Heap.Live();
        await OpenAsync(browser, circuits, grid, tabs, settle).ConfigureAwait(false);
        var afterGrid = Heap.Live();
        var emptyCircuit = (afterEmpty - start) / (double)tabs;
        var gridCircuit = (afterGrid - afterEmpty) / (double)tabs;

        // For a heap dump (dotnet-dump collect -p PID --type Heap) of the open circuits, as the circuits command has.
        if (hold > TimeSpan.Zero)
        {
            Console.Error.WriteLine($"holding {hold.TotalSeconds:F0} s, process {Environment.ProcessId}");
            await Task.Delay(hold).ConfigureAwait(false);
        }

        Console.Error.WriteLine($"grid circuits x{tabs}: {gridCircuit / 1024:F0} KiB each, empty circuit {emptyCircuit / 1024:F0} KiB");
        return new { count = tabs, grid_circuit_bytes = gridCircuit, empty_circuit_bytes = emptyCircuit, beyond_empty_bytes = gridCircuit - emptyCircuit };
    }

    private static async Task OpenAsync(BrowserProcess browser, CircuitCount circuits, string url, int tabs, TimeSpan settle)
    {
        var expected = circuits.Open + tabs;
        await browser.OpenAsync(url, tabs).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        while (circuits.Open < expected)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(180))
            {
                throw new TimeoutException($"Only {circuits.Open} of {expected} circuits connected on {url}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        await Task.Delay(settle).ConfigureAwait(false);
    }

    private sealed class CircuitCount
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Add(int delta) => Interlocked.Add(ref _open, delta);
    }

    private sealed class CountingHandler(CircuitCount count) : CircuitHandler
    {
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Add(1);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Add(-1);
            return Task.CompletedTask;
        }
    }
}
