using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class TeamSortTests
{
    public static TheoryData<string, TeamSortColumn, bool> QueryValues() => new()
    {
        { "user", TeamSortColumn.UserId, false },
        { "-user", TeamSortColumn.UserId, true },
        { "providers", TeamSortColumn.Providers, false },
        { "-providers", TeamSortColumn.Providers, true },
        { "status", TeamSortColumn.WorstStatus, false },
        { "-status", TeamSortColumn.WorstStatus, true },
        { "findings", TeamSortColumn.Findings, false },
        { "-findings", TeamSortColumn.Findings, true },
        { "latest", TeamSortColumn.LatestActivity, false },
        { "-latest", TeamSortColumn.LatestActivity, true },
    };

    /// <summary>Every order whose column two users can share (the user id column never ties).</summary>
    public static TheoryData<TeamSortColumn, bool> OrdersWithTies() => new()
    {
        { TeamSortColumn.Attention, true },
        { TeamSortColumn.Providers, false },
        { TeamSortColumn.Providers, true },
        { TeamSortColumn.WorstStatus, false },
        { TeamSortColumn.WorstStatus, true },
        { TeamSortColumn.Findings, false },
        { TeamSortColumn.Findings, true },
        { TeamSortColumn.LatestActivity, false },
        { TeamSortColumn.LatestActivity, true },
    };

    /// <summary>Users 1 to 6 with different providers, statuses, findings and activity, listed out of id order.</summary>
    private static IReadOnlyList<TeamUser> Team() => TestSnapshots.Complete(
        User(4).Pull("garmin", "sleep", "in_progress"),
        User(1).Pull("oura", "sleep", "failure").Pull("oura", "workouts", "success"),
        User(6).Pull("whoop", "sleep", "success", ended: Now.AddMinutes(-5)),
        User(3).Pull("fitbit", "activity", "success"),
        User(2).Pull("oura", "sleep", "success").Pull("fitbit", "activity", "retrying"),
        User(5).Pull("oura", "sleep", "scheduled")).Users;

    private static TeamViewResult View(IReadOnlyList<TeamUser> users, TeamSort order) => TeamViewBuilder.Build(users, TeamQuery.Empty, order);

    [Theory]
    [MemberData(nameof(QueryValues))]
    public void Parse_EveryKeyWithAndWithoutMinus_ThatColumnAndDirection(string value, TeamSortColumn column, bool descending)
    {
        var sort = TeamSort.Parse(value);

        Assert.Equal(new TeamSort(column, descending), sort);
        Assert.False(sort.IsDefault);
    }

    [Theory]
    [MemberData(nameof(QueryValues))]
    public void ToQueryValue_EveryParsedKey_RoundTripsToTheSameValue(string value, TeamSortColumn column, bool descending)
    {
        var sort = new TeamSort(column, descending);

        var written = sort.ToQueryValue();

        Assert.Equal(value, written);
        Assert.Equal(sort, TeamSort.Parse(written));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("nope")]
    [InlineData("-nope")]
    [InlineData("--latest")]
    [InlineData("Latest")]
    [InlineData(" latest")]
    [InlineData("latest ")]
    [InlineData("<script>")]
    public void Parse_NoneOrUnknownValue_DefaultOrder(string? value)
    {
        var sort = TeamSort.Parse(value);

        Assert.Equal(TeamSort.Default, sort);
        Assert.True(sort.IsDefault);
    }

    [Fact]
    public void Attention_AscendingAnOrderOfItsOwnDescendingTheDefault()
    {
        var ascending = new TeamSort(TeamSortColumn.Attention, Descending: false);

        Assert.Equal("attention", ascending.ToQueryValue());
        Assert.Equal(ascending, TeamSort.Parse("attention"));
        Assert.Equal(TeamSort.Default, TeamSort.Parse("-attention"));
        Assert.Null(TeamSort.Parse("-attention").ToQueryValue());
    }

    [Fact]
    public void ToQueryValue_DefaultOrder_IsNull()
    {
        var written = TeamSort.Default.ToQueryValue();

        Assert.Null(written);
        Assert.Equal(TeamSort.Default, TeamSort.Parse(written));
    }

    [Theory]
    [MemberData(nameof(OrdersWithTies))]
    public void Compare_UsersAlikeButForTheirId_LowerIdFirstInEitherDirection(TeamSortColumn column, bool descending)
    {
        var sort = new TeamSort(column, descending);
        var twins = TestSnapshots.Complete(User(2).Pull("oura", "sleep", "failure"), User(1).Pull("oura", "sleep", "failure")).Users;
        var (one, two) = (twins.Single(u => u.UserId == Id(1)), twins.Single(u => u.UserId == Id(2)));

        var result = sort.Compare(one, two);

        Assert.True(result < 0, $"{sort}: {result}");
        Assert.True(sort.Compare(two, one) > 0, $"{sort}: reversed");
        Assert.Equal(0, sort.Compare(one, one));
    }

    [Fact]
    public void Compare_DescendingWithoutTies_IsTheAscendingOrderReversed()
    {
        // User n's pull ended n × 10 minutes ago: no two share a latest activity.
        var users = TestSnapshots.Complete([.. Enumerable.Range(1, 6).Select(n => (UserHistoricalPulls)User(n).Pull("oura", "sleep", "success", ended: Now.AddMinutes(-10 * n)))]).Users;
        var ascending = new TeamSort(TeamSortColumn.LatestActivity, Descending: false);
        var descending = ascending with { Descending = true };

        var up = users.Order(Comparer<TeamUser>.Create(ascending.Compare)).Select(u => u.UserId).ToList();
        var down = users.Order(Comparer<TeamUser>.Create(descending.Compare)).Select(u => u.UserId).ToList();

        Assert.Equal([Id(6), Id(5), Id(4), Id(3), Id(2), Id(1)], up);
        Assert.Equal(Enumerable.Reverse(up), down);
    }

    [Fact]
    public void Compare_Providers_FewerFirstThenByTheirNamesInOrderAsIfJoinedWithCommas()
    {
        var users = TestSnapshots.Complete(
            User(1).Pull("oura", "sleep", "success").Pull("garmin", "sleep", "success"),
            User(2).Pull("fitbit", "sleep", "success"),
            User(3).Pull("garmin_connect", "sleep", "success").Pull("oura", "sleep", "success"),
            User(4).Pull("garmin", "sleep", "success").Pull("whoop", "sleep", "success"),
            User(5).Pull("apple_health_kit", "sleep", "success").Pull("zwift", "sleep", "success")).Users;

        var ordered = users.Order(Comparer<TeamUser>.Create(new TeamSort(TeamSortColumn.Providers, false).Compare)).ToList();

        // "garmin,oura" < "garmin,whoop" < "garmin_connect,oura": a name that is another's beginning comes first.
        Assert.Equal([Id(2), Id(5), Id(1), Id(4), Id(3)], ordered.Select(u => u.UserId));
        var joined = users.OrderBy(u => u.Providers.Length).ThenBy(u => string.Join(',', u.Providers), StringComparer.Ordinal).ThenBy(u => u.UserId, StringComparer.Ordinal);
        Assert.Equal(joined.Select(u => u.UserId), ordered.Select(u => u.UserId));
    }

    [Fact]
    public void Apply_TheViewsOwnOrder_ReturnsTheViewsOwnList()
    {
        var byUser = TeamSort.Parse("user");
        var defaultView = View(Team(), TeamSort.Default);
        var userView = View(Team(), byUser);

        Assert.Same(defaultView.Users, TeamSort.Default.Apply(defaultView, TeamSort.Default));
        Assert.Same(userView.Users, byUser.Apply(userView, byUser));
    }

    [Fact]
    public void Apply_AnotherOrder_SortedByCompareOnceAndSharedForThatView()
    {
        var view = View(Team(), TeamSort.Default);
        var sort = TeamSort.Parse("-latest");

        var first = sort.Apply(view, TeamSort.Default);
        var second = sort.Apply(view, TeamSort.Default);

        Assert.Same(first, second);
        Assert.NotSame(view.Users, first);
        Assert.Equal(view.Users.Order(Comparer<TeamUser>.Create(sort.Compare)), first);
        Assert.Equal(view.Users.Count, first.Count);
    }

    [Fact]
    public void Apply_EachViewAndOrder_CachedSeparately()
    {
        var users = Team();
        var view = View(users, TeamSort.Default);
        var otherView = View(users, TeamSort.Default);
        var byLatest = TeamSort.Parse("-latest");
        var byUser = TeamSort.Parse("user");

        var sorted = byLatest.Apply(view, TeamSort.Default);
        var sortedOther = byLatest.Apply(otherView, TeamSort.Default);
        var sortedByUser = byUser.Apply(view, TeamSort.Default);

        Assert.NotSame(sorted, sortedOther);
        Assert.Equal(sorted, sortedOther);
        Assert.NotSame(sorted, sortedByUser);
        Assert.Equal([Id(1), Id(2), Id(3), Id(4), Id(5), Id(6)], sortedByUser.Select(u => u.UserId));
        Assert.Same(sortedByUser, byUser.Apply(view, TeamSort.Default));
    }
}
