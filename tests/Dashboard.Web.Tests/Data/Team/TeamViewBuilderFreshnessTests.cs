using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>The grid's stale filter and count, the newest-data order, and the search over client user ids.</summary>
public sealed class TeamViewBuilderFreshnessTests
{
    private static readonly TimeSpan Old = TimeSpan.FromDays(5);
    private static readonly TimeSpan Recent = TimeSpan.FromHours(2);

    private static TeamSnapshot Team() => TestSnapshots.Complete(
        [
            User(1).Pull("oura", "sleep", "success").Build(),
            User(2).Pull("oura", "sleep", "success").Pull("fitbit", "sleep", "success").Build(),
            User(3).Pull("fitbit", "sleep", "success").Build(),
            User(4).Pull("oura", "sleep", "failure").Build(),
        ],
        [
            Ongoing(1).Resource("oura", "sleep", Old).Build(),
            Ongoing(2).Resource("oura", "sleep", Recent).Resource("fitbit", "sleep", Old).Build(),
            Ongoing(3).Resource("fitbit", "sleep", Recent).Build(),
            Ongoing(4).Resource("oura", "sleep", Old).Build(),
            Ongoing(5).Resource("garmin", "steps", Old).Build(),
        ]);

    private static TeamViewResult View(string query, TeamSort? sort = null, ClientUserIds? ids = null) =>
        TeamViewBuilder.Build(Team().Users, TeamQuery.Parse(query, out _), sort ?? TeamSort.Default, ids);

    private static string[] Ids(TeamViewResult view) => [.. view.Users.Select(u => u.UserId).Order(StringComparer.Ordinal)];

    [Fact]
    public void Build_StaleOnly_UsersWithStaleDataAndTheCountIsTheRows()
    {
        var view = View("stale=true");

        // User 4's old data sits behind a failed pull (its own finding), user 5 has no pull at all.
        Assert.Equal([Id(1), Id(2), Id(5)], Ids(view));
        Assert.Equal(3, view.StaleCount);
        Assert.True(view.FreshnessKnown);
        Assert.Equal(5, view.Total);
    }

    [Fact]
    public void Build_WithoutTheFilter_CountsTheStaleUsersAll()
    {
        var view = View("");

        Assert.Equal(5, view.Users.Count);
        Assert.Equal(3, view.StaleCount);
    }

    [Fact]
    public void Build_StaleWithAProvider_DataOfThatProviderOnly()
    {
        var view = View("stale=true&provider=oura");

        Assert.Equal([Id(1)], Ids(view));
        Assert.Equal(1, view.StaleCount);
        Assert.Equal([Id(2)], Ids(View("stale=true&provider=fitbit")));
    }

    [Fact]
    public void Build_ProviderOnlyTheOngoingDataLists_MatchesItsFilter()
    {
        Assert.Equal([Id(5)], Ids(View("provider=garmin")));
    }

    [Fact]
    public void Build_PullsOnlyScan_FreshnessUnknown()
    {
        var view = TeamViewBuilder.Build(TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success").Build()).Users, TeamQuery.Empty, TeamSort.Default);

        Assert.False(view.FreshnessKnown);
        Assert.Equal(0, view.StaleCount);
    }

    [Fact]
    public void Sort_NewestData_LongestSilenceFirst()
    {
        var view = View("", TeamSort.Parse("newest"));

        Assert.Equal(TeamSortColumn.NewestData, TeamSort.Parse("newest").Column);
        Assert.Equal("newest", new TeamSort(TeamSortColumn.NewestData, false).ToQueryValue());
        Assert.Equal([Id(1), Id(4), Id(5), Id(2), Id(3)], view.Users.Select(u => u.UserId));
    }

    [Fact]
    public void Build_SearchForAKnownClientUserId_FindsTheUser()
    {
        var ids = new ClientUserIds();
        ids.Record(new VitalUser { UserId = Id(3), ClientUserId = "Customer-48213" });

        Assert.Equal([Id(3)], Ids(View("q=48213", ids: ids)));
        Assert.Equal([Id(3)], Ids(View("q=customer-48213", ids: ids)));
        Assert.Empty(View("q=48213").Users);
    }

    [Fact]
    public void Cache_ClientUserIdLearntAfterASearch_TheSearchIsDoneAgain()
    {
        var ids = new ClientUserIds();
        var cache = new TeamViewCache(Engine.Thresholds, ids);
        var snapshot = Team();
        var query = TeamQuery.Parse("q=48213", out _);
        Assert.Empty(cache.Get(snapshot, query, TeamSort.Default).Users);

        ids.Record(new VitalUser { UserId = Id(3), ClientUserId = "customer-48213" });

        Assert.Equal(Id(3), Assert.Single(cache.Get(snapshot, query, TeamSort.Default).Users).UserId);
    }

    [Fact]
    public void ProviderView_StaleCountsPerResource()
    {
        var view = ProviderViewBuilder.Build(Team().Users, "oura", Engine.Thresholds);

        Assert.True(view.FreshnessKnown);
        Assert.Equal(1, view.StaleUsers);
        Assert.Equal(1, view.Resources.Single(r => r.Resource == "sleep").Stale);
        var garmin = ProviderViewBuilder.Build(Team().Users, "garmin", Engine.Thresholds);
        Assert.Equal(1, garmin.Resources.Single(r => r.Resource == "steps").Stale);
        Assert.Equal(0, garmin.Resources.Single().Total);
    }
}
