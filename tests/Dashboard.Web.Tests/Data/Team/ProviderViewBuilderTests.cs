using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class ProviderViewBuilderTests
{
    private static IReadOnlyList<TeamUser> Team(params UserHistoricalPulls[] users) => TestSnapshots.Complete(users).Users;

    private static IReadOnlyList<int> Ids(ProviderView view) => [.. view.Users.Select(r => int.Parse(r.User.UserId[^12..], System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void Build_Users_FailedStuckRetryingUnknownInMotionSucceededNothingPulled()
    {
        var view = ProviderViewBuilder.Build(Team(
            User(1).Pull("oura", "sleep", "success"),
            User(2).Pull("oura", "sleep", "scheduled"),
            User(3).Pull("oura", "sleep", "paused"),
            User(4).Pull("oura", "sleep", "retrying"),
            User(5).Pull("oura", "sleep", "scheduled", scheduled: Now.AddHours(-7)),
            User(6).Pull("oura", "sleep", "error"),
            User(7).NotPulled("oura", "sleep"),
            User(8).Pull("oura", "sleep", "failure").Pull("oura", "steps", "failure"),
            User(9).Pull("oura", "sleep", "in_progress", started: Now.AddDays(-2)),
            User(10).Pull("fitbit", "sleep", "failure")), "oura", Engine.Thresholds);

        Assert.Equal([8, 6, 5, 9, 4, 3, 2, 1, 7], Ids(view));
        Assert.Equal([2, 1, 1, 1, 1, 1, 0, 0, 0], view.Users.Select(u => u.ProblemPulls));
        Assert.Equal([false, false, true, true, false, false, false, false, false], view.Users.Select(u => u.Stuck));
        Assert.Null(view.Users[^1].WorstStatus);
        Assert.Equal(1, view.NotPulledUsers);
    }

    [Fact]
    public void Build_Thresholds_JustInsideIsNotStuck()
    {
        var view = ProviderViewBuilder.Build(Team(
            User(1).Pull("oura", "sleep", "scheduled", scheduled: Now.AddHours(-6)),
            User(2).Pull("oura", "sleep", "in_progress", scheduled: Now.AddDays(-2), started: Now.AddDays(-1))), "oura", Engine.Thresholds);

        Assert.All(view.Users, u => Assert.False(u.Stuck));
    }

    [Fact]
    public void Build_InProgressWithoutAStart_MeasuredFromScheduled()
    {
        var view = ProviderViewBuilder.Build(Team(
            User(1).Pull("oura", "sleep", "in_progress", scheduled: Now.AddDays(-3), noStart: true),
            User(2).Pull("oura", "sleep", "in_progress", scheduled: Now.AddHours(-3), noStart: true)), "oura", Engine.Thresholds);

        Assert.Null(view.Users[0].User.Pulls[0].StartedAt);
        Assert.Equal([true, false], view.Users.Select(u => u.Stuck));
    }

    [Fact]
    public void Build_Counts_UsersPerStatusPerResourceOfThisProviderOnly()
    {
        var view = ProviderViewBuilder.Build(Team(
            User(1).Pull("oura", "sleep", "success").Pull("oura", "steps", "failure").Pull("fitbit", "sleep", "failure"),
            User(2).Pull("oura", "sleep", "success").Pull("oura", "steps", "success"),
            User(3).Pull("oura", "sleep", "paused")), "oura", Engine.Thresholds);

        Assert.Equal(["sleep", "steps"], view.Resources.Select(r => r.Resource));
        Assert.Equal(new Dictionary<string, int> { ["success"] = 2, ["paused"] = 1 }, view.Resources[0].UsersByStatus.ByValue());
        Assert.Equal(new Dictionary<string, int> { ["failure"] = 1, ["success"] = 1 }, view.Resources[1].UsersByStatus.ByValue());
        Assert.Equal(3, view.Resources[0].Total);
        Assert.Equal(["failure", "paused", "success"], view.Statuses.Values());
    }

    [Fact]
    public void Build_ProviderNobodyHas_Empty()
    {
        var view = ProviderViewBuilder.Build(Team(User(1).Pull("oura", "sleep", "success")), "polar", Engine.Thresholds);

        Assert.Empty(view.Users);
        Assert.Empty(view.Resources);
        Assert.Equal(0, view.NotPulledUsers);
    }

    [Fact]
    public void Summaries_UsersPullsStatusesAndAttentionPerProviderMostUsersFirst()
    {
        var summaries = ProviderViewBuilder.Summaries(Team(
            User(1).Pull("oura", "sleep", "failure").Pull("fitbit", "sleep", "success"),
            User(2).Pull("oura", "sleep", "success").Pull("oura", "steps", "success"),
            User(3).Pull("garmin", "sleep", "success"),
            User(4).NotPulled("whoop", "sleep")));

        Assert.Equal(["oura", "fitbit", "garmin", "whoop"], summaries.Select(s => s.Provider));
        var oura = summaries[0];
        Assert.Equal((2, 3, 1), (oura.Users, oura.Pulls, oura.UsersNeedingAttention));
        Assert.Equal(new Dictionary<string, int> { ["failure"] = 1, ["success"] = 2 }, oura.PullsByStatus.ByValue());
        Assert.Equal((1, 1, 1), (summaries[1].Users, summaries[1].Pulls, summaries[1].UsersNeedingAttention));
        Assert.Equal((1, 0, 1), (summaries[3].Users, summaries[3].Pulls, summaries[3].UsersNeedingAttention));
    }
}
