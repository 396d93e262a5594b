using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class ScanMemoryReleaseTests
{
    private readonly FakeTeamSnapshots _snapshots = new();
    /// <summary>One count per collection, so a test can wait for the next one.</summary>
    private readonly SemaphoreSlim _collected = new(0);
    private int _collections;

    private static TeamSnapshot Team(int users) =>
        TestSnapshots.Complete([.. Enumerable.Range(1, users).Select(n => (Vital.Introspection.UserHistoricalPulls)User(n).Pull("oura", "sleep", "success"))]);

    [Fact]
    public async Task ScanEnded_LargeCompleteTeamWithoutStore_ReleasedOnceAtOnce()
    {
        using var release = Release(awaitsHistoryWrite: false);
        await release.StartAsync(TestContext.Current.CancellationToken);

        _snapshots.EndScan(Team(3), null);
        await release.Released;

        Assert.Equal(1, _collections);
    }

    [Fact]
    public async Task ScanEnded_SmallFailedOrStoppedScans_NothingReleased()
    {
        using var release = Release(awaitsHistoryWrite: false);
        await release.StartAsync(TestContext.Current.CancellationToken);

        _snapshots.EndScan(Team(2), null);
        _snapshots.EndScan(Team(3), "Team scan stopped by the upstream");
        _snapshots.EndScan(TestSnapshots.Failed("Unavailable", [.. Enumerable.Range(1, 3).Select(n => (Vital.Introspection.UserHistoricalPulls)User(n).Pull("oura", "sleep", "success"))]), "Unavailable");
        _snapshots.EndScan(TestSnapshots.Scanning([.. Enumerable.Range(1, 3).Select(n => (Vital.Introspection.UserHistoricalPulls)User(n).Pull("oura", "sleep", "success"))]), null);
        await release.Released;

        Assert.Equal(0, _collections);
    }

    [Fact]
    public async Task ScanEnded_WithStore_ReleasedAtOnceAndOnceMoreAfterThatScansHistoryWrite()
    {
        using var release = Release(awaitsHistoryWrite: true);
        await release.StartAsync(TestContext.Current.CancellationToken);

        // A write that ends with no large scan awaited (a small team's) releases nothing.
        release.OnHistoryWriteEnded();
        await release.Released;
        Assert.Equal(0, _collections);

        _snapshots.EndScan(Team(3), null);
        await release.Released;
        Assert.Equal(1, _collections);

        release.OnHistoryWriteEnded();
        await release.Released;
        release.OnHistoryWriteEnded();
        await release.Released;

        Assert.Equal(2, _collections);
    }

    [Fact]
    public async Task ScanEnded_WithStore_HistoryWriteNeverAnnounced_ReleasedAgainAfterTheWaitOnce()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestPulls.Now);
        using var release = Release(awaitsHistoryWrite: true, clock);
        await release.StartAsync(TestContext.Current.CancellationToken);

        _snapshots.EndScan(Team(3), null);
        await release.Released;
        clock.Advance(ScanMemoryRelease.HistoryWriteWait - TimeSpan.FromSeconds(1));
        await release.Released;
        Assert.Equal(1, _collections);

        // The wait alone releases: nothing announces the write before the collection is seen.
        await _collected.WaitAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await _collected.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await release.Released;
        release.OnHistoryWriteEnded();
        await release.Released;

        Assert.Equal(2, _collections);
    }

    [Fact]
    public async Task Stopped_NoLongerListens()
    {
        using var release = Release(awaitsHistoryWrite: false);
        await release.StartAsync(TestContext.Current.CancellationToken);
        await release.StopAsync(TestContext.Current.CancellationToken);

        _snapshots.EndScan(Team(3), null);
        await release.Released;

        Assert.Equal(0, _collections);
    }

    [Fact]
    public async Task Collect_Throws_LoggedAndTheNextScanReleasesAgain()
    {
        var fail = true;
        using var release = Release(awaitsHistoryWrite: false, collect: () =>
        {
            Interlocked.Increment(ref _collections);
            if (fail)
            {
                fail = false;
                throw new InvalidOperationException("no");
            }
        });
        await release.StartAsync(TestContext.Current.CancellationToken);

        _snapshots.EndScan(Team(3), null);
        await release.Released;
        _snapshots.EndScan(Team(3), null);
        await release.Released;

        Assert.Equal(2, _collections);
    }

    private ScanMemoryRelease Release(bool awaitsHistoryWrite, TimeProvider? clock = null, Action? collect = null) =>
        new(_snapshots, NullLogger<ScanMemoryRelease>.Instance, timeProvider: clock)
        {
            MinimumUsers = 3,
            AwaitsHistoryWrite = awaitsHistoryWrite,
            Collect = collect ?? (() =>
            {
                Interlocked.Increment(ref _collections);
                _collected.Release();
            }),
        };
}
