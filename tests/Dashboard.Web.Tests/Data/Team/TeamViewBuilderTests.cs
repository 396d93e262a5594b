using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class TeamViewBuilderTests
{
    private static readonly string[] Statuses = [new("success"), new("failure"), new("retrying"), new("scheduled"), new("in_progress"), new("error"), new("paused")];
    private static readonly string[] Providers = ["oura", "fitbit", "garmin"];
    private static readonly string[] Resources = ["sleep", "activity", "heart_rate"];

    /// <summary>The seven users of the team page tests (see TeamFixtures): one per situation.</summary>
    private static IReadOnlyList<TeamUser> Small() => TestSnapshots.Complete(
        User(1).Pull("oura", "sleep", "failure").Pull("oura", "workouts", "success"),
        User(2).Pull("oura", "sleep", "success").Pull("fitbit", "activity", "retrying"),
        User(3).Pull("fitbit", "activity", "success"),
        User(4).Pull("garmin", "sleep", "in_progress"),
        User(5).Pull("oura", "sleep", "scheduled"),
        User(6).Pull("whoop", "sleep", "success").NotPulled("whoop", "heart_rate"),
        User(7).Pull("oura", "sleep", "paused")).Users;

    /// <summary>A seeded random team: any mix of providers, resources and statuses, some not pulled.</summary>
    private static IReadOnlyList<TeamUser> Random(int users, int seed)
    {
        var random = new Random(seed);
        var team = new List<UserHistoricalPulls>();
        for (var i = 1; i <= users; i++)
        {
            var user = User(i);
            foreach (var provider in Providers.Where(_ => random.Next(3) > 0))
            {
                foreach (var resource in Resources.Where(_ => random.Next(2) > 0))
                {
                    user.Pull(provider, resource, Statuses[random.Next(Statuses.Length)], scheduled: Now.AddMinutes(-random.Next(2000)));
                }

                if (random.Next(5) == 0)
                {
                    user.NotPulled(provider, Resources[random.Next(Resources.Length)]);
                }
            }

            team.Add(user);
        }

        return TestSnapshots.Complete([.. team]).Users;
    }

    private static IReadOnlyList<int> Ids(TeamViewResult view) => [.. view.Users.Select(u => int.Parse(u.UserId[^12..], System.Globalization.CultureInfo.InvariantCulture))];

    private static TeamViewResult Build(IReadOnlyList<TeamUser> users, string query, TeamSort? sort = null) =>
        TeamViewBuilder.Build(users, TeamQuery.Parse(query, out _), sort ?? TeamSort.Default);

    [Fact]
    public void Build_NoFilter_EveryoneAttentionFirstThenLatestActivity()
    {
        var view = Build(Small(), string.Empty);

        Assert.Equal([1, 2, 7, 6, 4, 5, 3], Ids(view));
        Assert.Equal(7, view.Total);
        Assert.Equal(4, view.AttentionCount);
        Assert.Equal(new Dictionary<string, int> { ["failure"] = 1, ["success"] = 4, ["retrying"] = 1, ["in_progress"] = 1, ["scheduled"] = 1, ["paused"] = 1 }, view.UsersByStatus.ByValue());
    }

    [Theory]
    [InlineData("status=success&provider=fitbit", new[] { 3 })]
    [InlineData("status=retrying&provider=oura", new int[0])]
    [InlineData("status=failure&resource=workouts", new int[0])]
    [InlineData("status=success&resource=workouts", new[] { 1 })]
    [InlineData("provider=whoop&resource=heart_rate", new[] { 6 })]
    [InlineData("provider=oura&resource=heart_rate", new int[0])]
    [InlineData("q=0000000000", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("q=8000-000000000005", new[] { 5 })]
    public void Build_StatusProviderAndResource_MatchOnOnePullTogether(string query, int[] expected)
    {
        Assert.Equal(expected.Order(), Ids(Build(Small(), query)).Order());
    }

    [Fact]
    public void Build_SearchInAnyCase_Matches()
    {
        var upper = TestSnapshots.Complete(User("7AEC8422-8174-4464-A4B2-B04C5939BE0D").Pull("oura", "sleep", "success")).Users;

        Assert.Single(Build(upper, "q=7aec8422").Users);
    }

    [Fact]
    public void Build_ManyQueriesOverARandomTeam_EachStatusCountIsTheRowsOfItsLink()
    {
        var team = Random(300, seed: 11);
        var queries = new List<string> { string.Empty, "attention=true", "q=00001" };
        queries.AddRange(Providers.Select(p => $"provider={p}"));
        queries.AddRange(Resources.Select(r => $"resource={r}"));
        queries.AddRange(Providers.SelectMany(p => Resources.Select(r => $"provider={p}&resource={r}&attention=true")));
        queries.AddRange(Statuses.Select(s => $"status={s}&attention=true"));

        foreach (var text in queries)
        {
            var query = TeamQuery.Parse(text, out _);
            var view = TeamViewBuilder.Build(team, query, TeamSort.Default);
            foreach (var (status, count) in view.UsersByStatus)
            {
                var link = TeamViewBuilder.Build(team, query with { Statuses = [status] }, TeamSort.Default);
                Assert.True(count == link.Users.Count, $"{status} on '{text}': count {count}, link shows {link.Users.Count}");
            }

            var attention = TeamViewBuilder.Build(team, query with { AttentionOnly = !query.AttentionOnly }, TeamSort.Default);
            var attentionRows = query.AttentionOnly ? view.Users.Count : attention.Users.Count;
            Assert.True(view.AttentionCount == attentionRows, $"attention on '{text}': count {view.AttentionCount}, rows {attentionRows}");
        }
    }

    [Fact]
    public void Build_ARandomTeam_MatchesAgreesWithBuild()
    {
        var team = Random(200, seed: 5);
        var query = TeamQuery.Parse("provider=oura,garmin&status=failure,retrying,paused", out _);

        var view = TeamViewBuilder.Build(team, query, TeamSort.Default);

        Assert.Equal(team.Where(u => TeamViewBuilder.Matches(u, query)).Select(u => u.UserId).Order(), view.Users.Select(u => u.UserId).Order());
        Assert.NotEmpty(view.Users);
    }

    [Theory]
    [InlineData(TeamSortColumn.UserId, false, new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData(TeamSortColumn.UserId, true, new[] { 7, 6, 5, 4, 3, 2, 1 })]
    [InlineData(TeamSortColumn.WorstStatus, true, new[] { 1, 7, 2, 5, 4, 3, 6 })]
    [InlineData(TeamSortColumn.Findings, true, new[] { 1, 2, 6, 7, 4, 5, 3 })]
    [InlineData(TeamSortColumn.LatestActivity, true, new[] { 2, 4, 7, 5, 1, 3, 6 })]
    [InlineData(TeamSortColumn.Providers, false, new[] { 3, 4, 1, 5, 7, 6, 2 })]
    public void Build_Sort_ByColumnWithTiesByUserId(TeamSortColumn column, bool descending, int[] expected)
    {
        Assert.Equal(expected, Ids(Build(Small(), string.Empty, new TeamSort(column, descending))));
    }

    [Fact]
    public void PullMatches_IgnoringStatus_ProviderAndResourceOnly()
    {
        var pull = Small()[0].Pulls[0];
        var query = TeamQuery.Parse("status=success&provider=oura&resource=sleep", out _);

        Assert.False(TeamViewBuilder.PullMatches(pull, query));
        Assert.True(TeamViewBuilder.PullMatches(pull, query, ignoreStatus: true));
    }
}
