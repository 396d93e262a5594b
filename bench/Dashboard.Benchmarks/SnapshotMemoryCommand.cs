using Dashboard.Web.Data.Team;
using Microsoft.Extensions.DependencyInjection;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Benchmarks;

/// <summary>
/// The team snapshot's managed heap per pull, against the parsed upstream models for the same team (the
/// baseline). Everything runs in this process over the in-process simulator (no latency), so the heap can be
/// read before and after with everything else held constant: the host is started, the simulated team's index
/// built and the code warmed up before the first reading.
/// </summary>
internal static class SnapshotMemoryCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var users = args.Int("users", 10_000);

        // Statics and first-use caches of every code path below, out of the readings.
        foreach (var mode in new[] { TeamScanMode.PerProvider, TeamScanMode.Sequential })
        {
            await using var warm = new DashboardHost(Settings(300, mode));
            await Snapshot(warm).WhenCompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await ParsedAsync(300).ConfigureAwait(false);

        var perProvider = await SnapshotAsync(users, TeamScanMode.PerProvider).ConfigureAwait(false);
        // The quick run measures the default scan only (--modes PerProvider).
        var sequential = (args.Get("modes") ?? "PerProvider,Sequential").Contains("Sequential", StringComparison.Ordinal)
            ? await SnapshotAsync(users, TeamScanMode.Sequential).ConfigureAwait(false)
            : null;
        var parsed = await ParsedAsync(users).ConfigureAwait(false);
        Console.Error.WriteLine($"memory {users} users: snapshot {perProvider.BytesPerPull:F0} B/pull ({perProvider.Bytes / 1048576.0:F1} MiB), parsed {parsed.BytesPerPull:F0} B/pull ({parsed.Bytes / 1048576.0:F1} MiB)");

        args.Write(new
        {
            users,
            bytes_per_pull = perProvider.BytesPerPull,
            baseline_bytes_per_pull = parsed.BytesPerPull,
            snapshot = perProvider,
            snapshot_sequential = sequential,
            parsed,
        });
        return 0;
    }

    private static Dictionary<string, string?> Settings(int users, TeamScanMode mode)
    {
        var settings = DashboardHost.InProcess(users);
        settings["Vital:ScanMode"] = mode.ToString();
        settings["Vital:CacheSeconds"] = "3600";
        return settings;
    }

    private static ITeamSnapshots Snapshot(DashboardHost host) => host.Services.GetRequiredService<ITeamSnapshots>();

    private static async Task<HeapResult> SnapshotAsync(int users, TeamScanMode mode)
    {
        await using var host = new DashboardHost(Settings(users, mode));
        var simulator = host.Services.GetRequiredService<VitalSimulator>();
        var snapshots = Snapshot(host);

        var before = Heap.Live();
        await snapshots.WhenCompleteAsync(CancellationToken.None).ConfigureAwait(false);

        // A per-provider scan is followed by a discovery walk, which scans again when it finds a provider the spec
        // does not list (the simulated team has one): measure the snapshot the dashboard keeps in the end.
        await WaitForQuietAsync(simulator).ConfigureAwait(false);
        while (snapshots.Refreshing is not null)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        var after = Heap.Live();
        Console.Error.WriteLine($"  {mode}: heap {before:N0} B before the scan, {after:N0} B after (snapshot generation {snapshots.Current.Generation})");
        var snapshot = snapshots.Current;
        var pulls = snapshot.Users.Sum(u => (long)u.PullCount);
        return new HeapResult($"TeamSnapshot ({mode})", snapshot.Count, pulls, after - before);
    }

    /// <summary>The same team as the client parses it (<see cref="UserHistoricalPulls"/>), all held at once.</summary>
    private static async Task<HeapResult> ParsedAsync(int users)
    {
        await using var host = new DashboardHost(DashboardHost.InProcess(users));
        _ = host.Services.GetRequiredService<VitalSimulator>().Team.Count;
        var client = host.Services.GetRequiredService<IVitalIntrospectionClient>();
        await client.GetPageAsync(new HistoricalPullPageRequest()).ConfigureAwait(false);

        var team = new List<UserHistoricalPulls>(users);
        var before = Heap.Live();
        await foreach (var user in client.GetAllUsersAsync().ConfigureAwait(false))
        {
            team.Add(user);
        }

        var after = Heap.Live();
        var pulls = team.Sum(u => (long)u.PullCount);
        GC.KeepAlive(team);
        return new HeapResult("UserHistoricalPulls (parsed)", team.Count, pulls, after - before);
    }

    private static async Task WaitForQuietAsync(VitalSimulator simulator)
    {
        var last = -1L;
        while (simulator.RequestCount != last)
        {
            last = simulator.RequestCount;
            await Task.Delay(500).ConfigureAwait(false);
        }
    }
}

internal sealed record HeapResult(string What, int Users, long Pulls, long Bytes)
{
    public double BytesPerPull => Pulls == 0 ? 0 : (double)Bytes / Pulls;

    public double BytesPerUser => Users == 0 ? 0 : (double)Bytes / Users;

    public double PullsPerUser => Users == 0 ? 0 : (double)Pulls / Users;
}

internal static class Heap
{
    /// <summary>Live managed bytes after full, compacting collections with finalizers run.</summary>
    public static long Live()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
