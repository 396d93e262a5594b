namespace Dashboard.Benchmarks;

/// <summary>
/// The harness behind bench/run.sh. Each command measures one thing and writes one JSON object (--out FILE, and
/// stdout); bench/run.sh starts the simulator host and the dashboard, calls these, and assembles the figures.
/// </summary>
internal static class Harness
{
    public static async Task<int> Main(string[] args)
    {
        var arguments = new Arguments(args);

        // WebApplicationFactory finds the dashboard's content root through MvcTestingAppManifest.json, which it
        // looks for in the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        return await RunAsync(args.FirstOrDefault(), arguments).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(string? command, Arguments args) => command switch
    {
        "scan" => await ScanCommand.RunAsync(args).ConfigureAwait(false),
        "faulty-scan" => await FaultyScanCommand.RunAsync(args).ConfigureAwait(false),
        "memory" => await SnapshotMemoryCommand.RunAsync(args).ConfigureAwait(false),
        "circuits" => await CircuitMemoryCommand.RunAsync(args).ConfigureAwait(false),
        "browse" => await BrowseCommand.RunAsync(args).ConfigureAwait(false),
        "verify" => await VerifyCommand.RunAsync(args).ConfigureAwait(false),
        "process-scan" => await ProcessScanCommand.RunAsync(args).ConfigureAwait(false),
        "grid-filter" => await GridFilterCommand.RunAsync(args).ConfigureAwait(false),
        "micro" => MicroCommand.Run(args),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: Dashboard.Benchmarks <command> [--name value ...]
              scan      --base-url URL --users N --latency-ms L [--passes sequential,first,refresh] [--concurrency C]
              faulty-scan [--users N] [--latency-ms L] [--runs R]
              memory    --users N
              circuits  --count N [--base-url URL] [--user ID]
              verify    --dashboard URL --simulator URL --cache-seconds S
              process-scan --dashboard-dir DIR --simulator URL --users N --latency-ms L --data DIR [--rescan-latency-ms L]
                           or, on the store such a run left in DIR: --restarts N (restarts only)
              grid-filter --users N --callers C [--changes K]
              micro     [--quick true]
            every command: [--out FILE]
            """);
        return 2;
    }
}
