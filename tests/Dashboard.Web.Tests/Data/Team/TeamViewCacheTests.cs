using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class TeamViewCacheTests
{
    private readonly TeamViewCache _cache = new(Engine.Thresholds, new Dashboard.Web.Data.ClientUserIds());

    [Fact]
    public void Get_SameSnapshotQueryAndSort_OneResultShared()
    {
        var snapshot = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "failure"));

        var a = _cache.Get(snapshot, TeamQuery.Parse("status=failure", out _), TeamSort.Default);
        var b = _cache.Get(snapshot, TeamQuery.Parse("status=failure", out _), TeamSort.Default);

        Assert.Same(a, b);
        Assert.NotSame(a, _cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default));
        Assert.NotSame(a, _cache.Get(snapshot, TeamQuery.Parse("status=failure", out _), new TeamSort(TeamSortColumn.UserId, false)));
    }

    [Fact]
    public async Task Get_ManyAskForTheSameNewViewAtOnce_BuiltOnceAndShared()
    {
        var snapshot = TestSnapshots.Complete([.. Enumerable.Range(1, 20_000).Select(i => User(i).Pull("oura", "sleep", i % 3 == 0 ? "failure" : "success"))]);
        var query = TeamQuery.Parse("status=failure", out _);
        using var start = new Barrier(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                return _cache.Get(snapshot, query, TeamSort.Default);
            },
            TestContext.Current.CancellationToken)));

        Assert.Equal(1, _cache.Builds);
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Same(results[0], _cache.Get(snapshot, query, TeamSort.Default));
        Assert.Equal(1, _cache.Builds);
    }

    [Fact]
    public void Get_SnapshotGrew_FreshResult()
    {
        var snapshot = TestSnapshots.Scanning(User(1).Pull("oura", "sleep", "failure"));
        var before = _cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default);

        TestSnapshots.Append(snapshot, [User(2).Pull("oura", "sleep", "success")]);
        var after = _cache.Get(snapshot, TeamQuery.Empty, TeamSort.Default);

        Assert.Single(before.Users);
        Assert.Equal(2, after.Users.Count);
    }

    [Fact]
    public void Get_ManyQueries_StillRightAfterEviction()
    {
        var snapshot = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "failure"));
        for (var i = 0; i < 40; i++)
        {
            _cache.Get(snapshot, TeamQuery.Parse($"q={i}", out _), TeamSort.Default);
        }

        Assert.Single(_cache.Get(snapshot, TeamQuery.Parse("q=0001", out _), TeamSort.Default).Users);
    }

    [Fact]
    public void Facets_ProvidersResourcesAndStatusesWorstFirst()
    {
        var snapshot = TestSnapshots.Complete(
            User(1).Pull("oura", "sleep", "success").Pull("fitbit", "steps", "failure"),
            User(2).Pull("whoop", "sleep", "paused").NotPulled("garmin", "sleep"));

        var facets = _cache.Facets(snapshot);

        Assert.Equal(["fitbit", "garmin", "oura", "whoop"], facets.Providers);
        Assert.Equal(["sleep", "steps"], facets.Resources);
        Assert.Equal(["failure", "paused", "success"], facets.Statuses.Values());
        Assert.Same(facets, _cache.Facets(snapshot));
    }

    [Fact]
    public void ProviderAndSummaries_CachedUntilTheSnapshotChanges()
    {
        var snapshot = TestSnapshots.Scanning(User(1).Pull("oura", "sleep", "success"));
        var provider = _cache.Provider(snapshot, "oura");
        var summaries = _cache.ProviderSummaries(snapshot);
        Assert.Same(provider, _cache.Provider(snapshot, "oura"));
        Assert.Same(summaries, _cache.ProviderSummaries(snapshot));

        TestSnapshots.Append(snapshot, [User(2).Pull("oura", "sleep", "failure")]);

        Assert.Equal(2, _cache.Provider(snapshot, "oura").Users.Count);
        Assert.Equal(2, _cache.ProviderSummaries(snapshot)[0].Users);
    }
}
