using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Vital.Introspection;

namespace Dashboard.Benchmarks;

/// <summary>
/// Managed heap per idle Blazor circuit. The dashboard runs in this process on a real Kestrel port; Chromium
/// (driven by Playwright in a child process, so the browser's client objects are not in this heap) opens N tabs of
/// the baseline page (<see cref="BaselinePath"/>: a nearly empty circuit) and then N tabs of a user page. After each
/// batch every circuit is up, the tabs sit idle for a few seconds, and the heap is read after full collections.
/// <c>--also-users A,B --also-outs a.json,b.json</c> measures more user pages after the first in the same browser and
/// against the same baseline (N more tabs each, read the same way), instead of a run of its own each.
/// The only addition to the dashboard is a <see cref="CircuitHandler"/> that counts connected circuits.
/// </summary>
internal static class CircuitMemoryCommand
{
    /// <summary>
    /// The baseline circuit: a user page for an id Vital does not know (the layout, theme, providers and one finding).
    /// <c>/not-found</c> was the baseline until it became a static page (no circuit) with the whole-diagnosis change.
    /// </summary>
    public const string BaselinePath = "/users/00000000-0000-0000-0000-000000000000";

    public static async Task<int> RunAsync(Arguments args)
    {
        var count = args.Int("count", 20);
        var settle = TimeSpan.FromSeconds(args.Int("settle-seconds", 3));
        var settings = args.Get("base-url") is { } baseUrl ? DashboardHost.Live(baseUrl) : DashboardHost.InProcess(500);
        var circuits = new CircuitCounter();
        await using var host = new DashboardHost(settings, services => services.AddScoped<CircuitHandler>(_ => new CountingCircuitHandler(circuits)));
        var address = host.StartKestrel();

        var userId = args.Get("user") ?? await FirstUserAsync(host).ConfigureAwait(false);
        var pulls = await host.Services.GetRequiredService<IVitalIntrospectionClient>().GetUserAsync(userId).ConfigureAwait(false);
        var userPage = $"{address}/users/{userId}";
        var staticPage = $"{address}{args.Get("baseline-path") ?? BaselinePath}";
        var alsoUsers = (args.Get("also-users") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var alsoOuts = (args.Get("also-outs") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (alsoUsers.Length != alsoOuts.Length)
        {
            throw new ArgumentException("--also-users and --also-outs need as many entries each.");
        }

        await using var browser = await BrowserProcess.StartAsync().ConfigureAwait(false);

        // Warm-up tabs stay open: first renders, JIT and pools are in every reading alike.
        await OpenAsync(browser, circuits, staticPage, 2, settle).ConfigureAwait(false);
        await OpenAsync(browser, circuits, userPage, 2, settle).ConfigureAwait(false);
        foreach (var also in alsoUsers)
        {
            await OpenAsync(browser, circuits, $"{address}/users/{also}", 2, settle).ConfigureAwait(false);
        }

        var start = Heap.Live();

        await OpenAsync(browser, circuits, staticPage, count, settle).ConfigureAwait(false);
        var afterStatic = Heap.Live();

        await OpenAsync(browser, circuits, userPage, count, settle).ConfigureAwait(false);
        var afterUser = Heap.Live();

        var alsoHeaps = new List<(long Before, long After)>();
        var before = afterUser;
        foreach (var also in alsoUsers)
        {
            await OpenAsync(browser, circuits, $"{address}/users/{also}", count, settle).ConfigureAwait(false);
            var after = Heap.Live();
            alsoHeaps.Add((before, after));
            before = after;
        }

        // For a heap dump (dotnet-gcdump collect -p PID) of the open circuits.
        if (args.Int("hold-seconds", 0) is > 0 and var hold)
        {
            Console.Error.WriteLine($"holding {hold} s, process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold)).ConfigureAwait(false);
        }

        var emptyCircuit = (afterStatic - start) / (double)count;
        var client = host.Services.GetRequiredService<IVitalIntrospectionClient>();
        args.Write(Result(userId, pulls, afterStatic, afterUser));
        for (var i = 0; i < alsoUsers.Length; i++)
        {
            var also = await client.GetUserAsync(alsoUsers[i]).ConfigureAwait(false);
            args.Write(Result(alsoUsers[i], also, alsoHeaps[i].Before, alsoHeaps[i].After), alsoOuts[i]);
        }

        return 0;

        object Result(string id, UserHistoricalPulls user, long heapBefore, long heapAfter)
        {
            var userCircuit = (heapAfter - heapBefore) / (double)count;
            Console.Error.WriteLine($"circuits x{count}: user page {userCircuit / 1024:F0} KiB each ({user.PullCount} pulls), baseline circuit (unknown user) {emptyCircuit / 1024:F0} KiB each");
            return new
            {
                count,
                user_id = id,
                user_pulls = user.PullCount,
                user_providers = user.Providers.Count,
                circuits_open = circuits.Open,
                idle_circuit_bytes = userCircuit - emptyCircuit,
                user_page_circuit_bytes = userCircuit,
                empty_circuit_bytes = emptyCircuit,
                heap_start = start,
                heap_after_static = afterStatic,
                heap_before_user = heapBefore,
                heap_after_user = heapAfter,
            };
        }
    }

    private static async Task<string> FirstUserAsync(DashboardHost host)
    {
        var client = host.Services.GetRequiredService<IVitalIntrospectionClient>();
        var page = await client.GetPageAsync(new HistoricalPullPageRequest { UserLimit = 10 }).ConfigureAwait(false);
        return page.Users.MaxBy(u => u.PullCount)!.UserId;
    }

    private static async Task OpenAsync(BrowserProcess browser, CircuitCounter circuits, string url, int tabs, TimeSpan settle)
    {
        var expected = circuits.Open + tabs;
        await browser.OpenAsync(url, tabs).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        while (circuits.Open < expected)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(180))
            {
                throw new TimeoutException($"Only {circuits.Open} of {expected} circuits connected: does {url} load blazor.web.js?");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        await Task.Delay(settle).ConfigureAwait(false);
    }

    private sealed class CircuitCounter
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Up() => Interlocked.Increment(ref _open);

        public void Down() => Interlocked.Decrement(ref _open);
    }

    private sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.Up();
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.Down();
            return Task.CompletedTask;
        }
    }
}
