using System.Runtime.CompilerServices;
using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>
/// A replaced team is let go: the dashboard keeps one snapshot of the team (two while a refresh runs), never a
/// first scan beside every later one, and shared views of an older snapshot do not hold its users.
/// </summary>
public sealed class SnapshotRetentionTests
{
    [Fact]
    public async Task Refresh_ThePreviousSnapshot_IsNotKeptOnceReplaced()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 200, Seed = 3 }, TimeProvider.System);
        await using var services = Build(simulator);
        var snapshots = services.GetRequiredService<TeamSnapshotService>();

        var first = await FirstSnapshotAsync(snapshots);
        await WaitForAsync(() =>
        {
            // Asked again until taken: the finished scan's task may still be winding down.
            if (snapshots.Current.Generation == 1 && snapshots.Refreshing is null)
            {
                snapshots.Refresh();
            }

            return snapshots.Current.Generation == 2 && snapshots.Current.IsComplete && snapshots.Refreshing is null;
        });
        Assert.True(snapshots.Current.Count > 0);

        Collect();
        Assert.False(first.IsAlive, "The first scan's snapshot is still referenced after a refresh replaced it.");
        Assert.Equal(2, (await snapshots.WhenCompleteAsync(TestContext.Current.CancellationToken)).Generation);
    }

    [Fact]
    public void Views_OfAnOlderSnapshot_AreDroppedOnceANewerOneIsViewed()
    {
        var cache = new TeamViewCache(new DiagnosisEngine(new DiagnosisOptions()).Thresholds, new Dashboard.Web.Data.ClientUserIds());
        var engine = new DiagnosisEngine(new DiagnosisOptions());
        var (old, oldViews) = ViewsOf(cache, engine, generation: 1);
        Assert.Equal(2, cache.Count);

        var newer = Snapshot(generation: 2);
        cache.Get(newer, TeamQuery.Empty, TeamSort.Default);
        Assert.Equal(1, cache.Count);

        Collect();
        Assert.False(oldViews.IsAlive, "A view of the replaced snapshot is still kept.");
        Assert.False(old.IsAlive, "The replaced snapshot's users are still kept.");

        // A late look at an older snapshot is answered, not kept.
        Assert.NotNull(cache.Get(Snapshot(generation: 1), TeamQuery.Empty, TeamSort.Default));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Views_OfAGrowingSnapshot_KeepOnlyTheNewestState()
    {
        var cache = new TeamViewCache(new DiagnosisEngine(new DiagnosisOptions()).Thresholds, new Dashboard.Web.Data.ClientUserIds());
        var snapshot = Snapshot(generation: 1);
        var before = cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default);
        snapshot.Upsert(User("00000000-0000-4000-8000-000000000099"));

        var after = cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default);
        Assert.Equal(before.Users.Count + 1, after.Users.Count);
        Assert.Equal(1, cache.Count);
        Assert.Same(after, cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> FirstSnapshotAsync(TeamSnapshotService snapshots) =>
        new(await snapshots.WhenCompleteAsync(TestContext.Current.CancellationToken));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Users, WeakReference Views) ViewsOf(TeamViewCache cache, DiagnosisEngine engine, long generation)
    {
        var snapshot = Snapshot(generation);
        var view = cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default);
        cache.Provider(snapshot, "oura");
        return (new WeakReference(snapshot.Users[0]), new WeakReference(view));
    }

    private static TeamSnapshot Snapshot(long generation)
    {
        var snapshot = new TeamSnapshot(generation, DateTimeOffset.UnixEpoch);
        for (var i = 0; i < 3; i++)
        {
            snapshot.Upsert(User($"00000000-0000-4000-8000-00000000000{i}"));
        }

        return snapshot;
    }

    private static TeamUser User(string id) =>
        TeamUser.Create(UserHistoricalPulls.Empty(id), new DiagnosisEngine(new DiagnosisOptions()), DateTimeOffset.UnixEpoch, new StringPool());

    private static void Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>The team services over the simulated team, scanned by the plain walk (which needs no discovery walk after it).</summary>
    private static ServiceProvider Build(VitalSimulator simulator) =>
        SimulatedTeamServices.Snapshots(simulator, ("Vital:ScanMode", nameof(TeamScanMode.Sequential)));
}
