using System.Diagnostics.Metrics;
using Dashboard.Store.Recording;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Observability;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// The history store's instruments on the real host: scans stored and the rows they add, scans that failed to store
/// with the error's type, and whether history is paused. Each test measures a write that happens after its collectors
/// listen (a second scan; the writer's next try).
/// </summary>
public sealed class HistoryMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AScanStored_CountsTheWriteItsTimeAndItsRowsByKind_HistoryNotPaused()
    {
        // A person's Refresh is allowed 5 seconds after a scan with this (the shortest) cache time.
        // (One plain walk per scan: the per-provider scan's discovery walk may start a rescan, a write of its own.)
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Vital:CacheSeconds"] = "0", ["Vital:ScanMode"] = "Sequential" });
        _ = factory.CreateClient();
        var snapshots = factory.Services.GetRequiredService<ITeamSnapshots>();
        var writer = factory.Services.GetRequiredService<HistoryWriter>();
        var written = new SemaphoreSlim(0);
        var last = default(ScanWritten);
        writer.Written += w =>
        {
            last = w;
            written.Release();
        };
        await snapshots.WhenCompleteAsync(Ct);
        Assert.True(await written.WaitAsync(TimeSpan.FromSeconds(60), Ct));

        using var writes = Collector<long>(factory, DashboardTelemetry.StoreWrites);
        using var durations = Collector<double>(factory, DashboardTelemetry.StoreWriteDuration);
        using var rows = Collector<long>(factory, DashboardTelemetry.StoreRows);
        using var paused = Collector<int>(factory, DashboardTelemetry.StorePaused);

        // One pull has failed: the next scan stores itself, that change and the team state. (A person's Refresh is held
        // back for a few seconds after a scan: ask once it is allowed.)
        while (snapshots.RefreshAllowedAt is { } allowedAt)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(50, (allowedAt - DateTimeOffset.UtcNow).TotalMilliseconds)), Ct);
        }

        var (user, pull) = snapshots.Current.Users.SelectMany(u => u.Pulls.Select(p => (u.UserId, p))).First(x => x.p.Status.Value == "success");
        factory.Services.GetRequiredService<VitalSimulator>().SetPull(user, pull.Provider, pull.Resource, new PullUpdate { Status = "failure" });
        snapshots.Refresh();
        Assert.True(await written.WaitAsync(TimeSpan.FromSeconds(60), Ct));

        var write = Assert.Single(writes.GetMeasurementSnapshot());
        Assert.Equal((1L, "written"), (write.Value, (string?)write.Tags["outcome"]));
        Assert.Equal(["outcome"], write.Tags.Keys);
        Assert.Equal("written", Assert.Single(durations.GetMeasurementSnapshot()).Tags["outcome"]);
        var byKind = rows.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["kind"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["scan"] = 1, ["team_state"] = 1, ["change"] = last!.Changes }, byKind);
        Assert.True(last.Changes >= 2, $"the failed pull and its finding, at least; {last.Changes} changes");
        Assert.InRange(Assert.Single(durations.GetMeasurementSnapshot()).Value, 0.0, 60.0);
        paused.RecordObservableInstruments();
        Assert.Equal(0, paused.LastMeasurement!.Value);
    }

    [Fact]
    public async Task TheStoreCannotBeWritten_CountsFailedWritesByErrorType_HistoryPaused()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "a file where the store's folder should be", Ct);
        try
        {
            await using var factory = new DashboardFactory(
                new Dictionary<string, string?> { ["Store:ConnectionString"] = $"Data Source={Path.Combine(blocker, "data", "dashboard.db")}" });
            _ = factory.CreateClient();
            await factory.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(Ct);
            using var writes = Collector<long>(factory, DashboardTelemetry.StoreWrites);
            using var paused = Collector<int>(factory, DashboardTelemetry.StorePaused);

            // The writer tries again after its back-off (1 s, then doubling): its next failure is counted.
            await writes.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(60));

            var failed = writes.GetMeasurementSnapshot()[0];
            Assert.Equal("failed", failed.Tags["outcome"]);
            Assert.Matches("^[A-Za-z]+Exception$", (string)failed.Tags["error.type"]!);
            Assert.DoesNotContain(blocker, string.Join(",", failed.Tags.Select(t => t.Value)), StringComparison.Ordinal);
            paused.RecordObservableInstruments();
            Assert.Equal(1, paused.LastMeasurement!.Value);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    private static MetricCollector<T> Collector<T>(DashboardFactory factory, string instrument)
        where T : struct =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, instrument);
}
