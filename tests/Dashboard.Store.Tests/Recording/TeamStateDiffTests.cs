using Dashboard.Store.Model;
using Dashboard.Store.Recording;
using Dashboard.Store.State;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.Recording;

public sealed class TeamStateDiffTests
{
    [Fact]
    public void Compare_SameState_NoTransitions()
    {
        var state = Team(T0, User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]));

        Assert.Empty(TeamStateDiff.Compare(state, state with { CompletedAt = T0.AddHours(1) }));
    }

    [Fact]
    public void Compare_StreamedPreviousAndLazilyMadeCurrent_EachCurrentUserMadeOnceSameChangesInTheCurrentOrder()
    {
        var before = Team(T0, User("u2", [Pull("oura", "sleep", "retrying")]), User("gone", [Pull("garmin", "sleep", "failure")]), User("u1", [Pull("oura", "sleep", "success")]));
        UserState[] now = [User("u1", [Pull("oura", "sleep", "success")]), User("u2", [Pull("oura", "sleep", "failure")]), User("new", [Pull("fitbit", "sleep", "success")])];
        var made = new List<string>();
        var lazy = Team(T0.AddHours(1)) with
        {
            Users = new MappedUsers(now.Length, i => now[i].UserId, i =>
            {
                made.Add(now[i].UserId);
                return now[i];
            }),
        };

        var changes = TeamStateDiff.Compare(before.Users.Select(u => u), lazy);

        Assert.Equal(TeamStateDiff.Compare(before, Team(T0.AddHours(1), now)), changes);
        Assert.Equal(["u2", "new", "gone"], changes.Select(c => c.UserId).Distinct());
        Assert.Equal(["new", "u1", "u2"], made.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compare_StatusChanged_OnePullTransitionFromTo()
    {
        var before = Team(T0, User("u1", [Pull("oura", "sleep", "retrying")]));
        var after = Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")]));

        var change = Assert.Single(TeamStateDiff.Compare(before, after));

        Assert.Equal(new Transition(TransitionKind.Pull, "u1", "oura", "sleep", null, "retrying", "failure"), change);
    }

    [Fact]
    public void Compare_FindingReplaced_OneClearsAndOneAppears()
    {
        var before = Team(T0, User("u1", [Pull("oura", "sleep", "retrying")], [Retrying("oura", "sleep")]));
        var after = Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "failure")], [Failed("oura", "sleep")]));

        var findings = TeamStateDiff.Compare(before, after).Where(t => t.Kind == TransitionKind.Finding).ToList();

        Assert.Equal(2, findings.Count);
        Assert.Contains(new Transition(TransitionKind.Finding, "u1", "oura", "sleep", "pull_failed", null, "critical"), findings);
        Assert.Contains(new Transition(TransitionKind.Finding, "u1", "oura", "sleep", "pull_retrying", "warning", null), findings);
    }

    [Fact]
    public void Compare_NewUser_EverythingAppears()
    {
        var before = Team(T0);
        var after = Team(T0.AddHours(1), User("u2", [Pull("garmin", "workouts", "failure")], [Failed("garmin", "workouts")]));

        var changes = TeamStateDiff.Compare(before, after);

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.True(c.Appeared));
    }

    [Fact]
    public void Compare_UserLeftTheTeam_EverythingClears()
    {
        var before = Team(T0, User("u1", [Pull("oura", "sleep", "failure"), Pull("oura", "workouts", "success")], [Failed("oura", "sleep")]));
        var after = Team(T0.AddHours(1));

        var changes = TeamStateDiff.Compare(before, after);

        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.True(c.Cleared));
    }

    [Fact]
    public void Compare_SameCodeOnTwoResources_KeptApart()
    {
        var before = Team(T0, User("u1", findings: [Failed("oura", "sleep")]));
        var after = Team(T0.AddHours(1), User("u1", findings: [Failed("oura", "sleep"), Failed("oura", "workouts")]));

        var change = Assert.Single(TeamStateDiff.Compare(before, after));

        Assert.Equal("workouts", change.Resource);
        Assert.True(change.Appeared);
    }

    [Fact]
    public void Compare_FindingWithoutProvider_KeyedByCode()
    {
        var before = Team(T0, User("u1", findings: [new FindingState("no_pull_data", "warning")]));
        var after = Team(T0.AddHours(1), User("u1", [Pull("oura", "sleep", "scheduled")], [InProgress("oura", "sleep")]));

        var cleared = Assert.Single(TeamStateDiff.Compare(before, after), c => c.Cleared);

        Assert.Equal(new Transition(TransitionKind.Finding, "u1", null, null, "no_pull_data", "warning", null), cleared);
    }

    [Fact]
    public void Compare_ConnectionsNotReadByOneScan_NoConnectionTransitions()
    {
        var before = Team(T0, User("u1", connections: [new ConnectionState("oura", "connected")]));
        var after = Team(T0.AddHours(1), User("u1", connections: null));

        Assert.Empty(TeamStateDiff.Compare(before, after));
    }

    [Fact]
    public void Compare_ConnectionStatusChanged_ConnectionTransition()
    {
        var before = Team(T0, User("u1", connections: [new ConnectionState("oura", "connected")]));
        var after = Team(T0.AddHours(1), User("u1", connections: [new ConnectionState("oura", "error")]));

        var change = Assert.Single(TeamStateDiff.Compare(before, after));

        Assert.Equal(new Transition(TransitionKind.Connection, "u1", "oura", null, null, "connected", "error"), change);
    }

    [Fact]
    public void Compare_DuplicateUserInOneState_CountedOnce()
    {
        var user = User("u1", [Pull("oura", "sleep", "failure")]);
        var before = Team(T0);
        var after = Team(T0.AddHours(1), user, user);

        Assert.Single(TeamStateDiff.Compare(before, after));
    }
}
