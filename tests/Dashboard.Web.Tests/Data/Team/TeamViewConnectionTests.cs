using Dashboard.Store.Connections;
using Dashboard.Web.Connections;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>The grid's connection filter over the sweep's readings, and views that follow new readings.</summary>
public sealed class TeamViewConnectionTests
{
    private readonly TeamSnapshot _snapshot = TestSnapshots.Complete(
        User(1).Pull("oura", "sleep", "failure"),
        User(2).Pull("oura", "sleep", "success"),
        User(3).Pull("garmin", "sleep", "success"));

    private readonly ConnectionReadings _readings = new();

    [Fact]
    public void Build_ConnectionError_UsersReadInErrorWithCountsOverThemOnly()
    {
        _readings.Keep(new UserConnections(Id(1), Now, [new("oura", "error")]));
        _readings.Keep(new UserConnections(Id(2), Now, [new("oura", "error")]));
        _readings.Keep(new UserConnections(Id(3), Now, [new("garmin", "connected")]));

        var view = TeamViewBuilder.Build(_snapshot.Users, TeamQuery.Empty with { Connections = ["error"] }, TeamSort.Default, connections: _readings);

        Assert.Equal([Id(1), Id(2)], view.Users.Select(u => u.UserId).Order(StringComparer.Ordinal));
        Assert.Equal(1, view.UsersByStatus[new("failure")]);
        Assert.Equal(1, view.UsersByStatus[new("success")]);
        Assert.Equal(3, view.Total);
    }

    [Fact]
    public void Cache_NewReadingAfterAFilteredView_TheViewFollowsIt()
    {
        var cache = new TeamViewCache(Engine.Thresholds, new ClientUserIds(), _readings);
        var errors = TeamQuery.Empty with { Connections = ["error"] };
        Assert.Empty(cache.Get(_snapshot, errors, TeamSort.Default).Users);

        _readings.Keep(new UserConnections(Id(3), Now, [new("garmin", "error")]));

        Assert.Equal([Id(3)], cache.Get(_snapshot, errors, TeamSort.Default).Users.Select(u => u.UserId));
    }

    [Fact]
    public void Keep_OlderReadingThanHeld_Ignored()
    {
        _readings.Keep(new UserConnections(Id(1), Now, [new("oura", "error")]));

        _readings.Keep(new UserConnections(Id(1), Now.AddMinutes(-1), [new("oura", "connected")]));

        Assert.Equal("error", Assert.Single(_readings.Of(Id(1).ToUpperInvariant())!.Connections).Status);
    }
}
