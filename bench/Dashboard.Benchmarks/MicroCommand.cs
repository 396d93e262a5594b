using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dashboard.Diagnosis;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Benchmarks;

/// <summary>
/// BenchmarkDotNet, in process: parsing one upstream page and diagnosing its users, reported per pull (time and
/// allocated bytes). The page is the simulated team's first page of 50 users (seed 1), as the HTTP host serves it.
/// </summary>
internal static class MicroCommand
{
    public static int Run(Arguments args)
    {
        var job = (args.Flag("quick") ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .WithArtifactsPath(args.Get("artifacts") ?? Path.Combine(Path.GetTempPath(), "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<PullBenchmarks>(config);

        var pulls = PullBenchmarks.Load().Pulls;
        var rows = summary.Reports.Select(r => new
        {
            benchmark = r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            pulls_per_operation = pulls,
            ns_per_pull = r.ResultStatistics?.Mean / pulls,
            ns_per_pull_stddev = r.ResultStatistics?.StandardDeviation / pulls,
            allocated_bytes_per_pull = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) / (double?)pulls,
            pulls_per_second = r.ResultStatistics is { Mean: > 0 } s ? pulls / (s.Mean / 1e9) : (double?)null,
        }).ToList();
        foreach (var row in rows)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.benchmark}: {row.ns_per_pull:F0} ns/pull, {row.allocated_bytes_per_pull:F0} B allocated/pull, {row.pulls_per_second:F0} pulls/s"));
        }

        args.Write(new { job = args.Flag("quick") ? "ShortRun" : "Default", benchmarks = rows });
        return summary.HasCriticalValidationErrors ? 1 : 0;
    }
}

[SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet calls instance methods.")]
public class PullBenchmarks
{
    private Page _page = null!;
    private DiagnosisEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _page = Load();
        _engine = new DiagnosisEngine(new DiagnosisOptions(), TimeProvider.System);
    }

    /// <summary>The body as received, to a <see cref="HistoricalPullPage"/>.</summary>
    [Benchmark]
    public HistoricalPullPage Parse() => HistoricalPullParser.Parse(_page.Body);

    /// <summary>The parsed users to findings, headline and next steps.</summary>
    [Benchmark]
    public int Diagnose()
    {
        var findings = 0;
        foreach (var user in _page.Parsed.Users)
        {
            findings += _engine.Diagnose(user, _page.AsOf).Findings.Count;
        }

        return findings;
    }

    /// <summary>Both, as a scan does for every page.</summary>
    [Benchmark]
    public int ParseAndDiagnose()
    {
        var findings = 0;
        foreach (var user in HistoricalPullParser.Parse(_page.Body).Users)
        {
            findings += _engine.Diagnose(user, _page.AsOf).Findings.Count;
        }

        return findings;
    }

    internal static Page Load()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 10_000, Seed = 1 }, TimeProvider.System);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://simulator.invalid/v2/introspect/historical_pull?user_limit=50");
        request.Headers.Add(VitalSimulator.ApiKeyHeader, "bench");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = simulator.HandleAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var body = buffer.ToArray();
        var parsed = HistoricalPullParser.Parse(body);
        return new Page(body, parsed, parsed.Users.Sum(u => u.PullCount), DateTimeOffset.UtcNow);
    }

    internal sealed record Page(byte[] Body, HistoricalPullPage Parsed, int Pulls, DateTimeOffset AsOf);
}
