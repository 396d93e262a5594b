using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.History;

public sealed class TeamStateMappingTests
{
    [Fact]
    public void ToState_Snapshot_PullsFindingsAndProvidersAsTheGridSeesThem()
    {
        var snapshot = TestSnapshots.Complete(
            User(1).Pull("oura", "sleep", "failure", errorDetails: "provider_credential_error").Pull("oura", "workouts", "success").NotPulled("oura", "hrv"),
            User(2).NotPulled("garmin", "sleep"));

        var state = TeamStateMapping.ToState(snapshot, Engine);

        Assert.Equal(snapshot.CompletedAt, state.CompletedAt);
        Assert.Equal([Id(1), Id(2)], state.Users.Select(u => u.UserId));
        var first = state.Users[0];
        Assert.Equal(["oura"], first.Providers);
        Assert.Equal([("oura", "sleep", "failure"), ("oura", "workouts", "success")], first.Pulls.Select(p => (p.Provider, p.Resource, p.Status)));
        Assert.Equal("provider_credential_error", first.Pulls[0].ErrorDetails);
        Assert.Equal(["hrv"], Assert.Single(first.NotPulled).Resources);
        var expected = Diagnose(User(1).Pull("oura", "sleep", "failure", errorDetails: "provider_credential_error").Pull("oura", "workouts", "success").NotPulled("oura", "hrv"))
            .Findings.Select(f => (f.Code, f.Severity.ToString().ToLowerInvariant(), f.Provider, f.Resource));
        Assert.Equal(expected, first.Findings.Select(f => (f.Code, f.Severity, f.Provider, f.Resource)));
        Assert.Contains(first.Findings, f => f is { Code: "pull_failed", Severity: "critical", Provider: "oura", Resource: "sleep" });
    }

    [Fact]
    public void ToState_SweepReadings_ConnectionsOfUsersReadAndNullForTheOthers()
    {
        var snapshot = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "success"), User(2).Pull("oura", "sleep", "success"), User(3).Pull("oura", "sleep", "success"));
        var readings = new Dashboard.Web.Connections.ConnectionReadings();
        readings.Keep(new(Id(1), Now, [new("oura", "error", "token_refresh_failed"), new("garmin", "connected")]));
        readings.Keep(new(Id(2), Now, []));

        var state = TeamStateMapping.ToState(snapshot, Engine, readings);

        Assert.Equal([new("oura", "error"), new Dashboard.Store.State.ConnectionState("garmin", "connected")], state.Users[0].Connections!);
        Assert.Empty(state.Users[1].Connections!);
        // Not read yet: no evidence either way, so no connection change is recorded for the user.
        Assert.Null(state.Users[2].Connections);
    }

    [Fact]
    public void ToPulls_FromState_TeamUserEqualToTheScannedOne()
    {
        UserHistoricalPulls pulls = User(1).Pull("oura", "sleep", "retrying", errorDetails: "rate_limited").Pull("garmin", "activity", "success", daysWithData: 3).NotPulled("garmin", "hrv");
        var scanned = TeamUser.Create(pulls, Engine, Now, new StringPool());
        var state = TeamStateMapping.ToState(scanned, Engine);

        var restored = TeamUser.Create(TeamStateMapping.ToPulls(state), Engine, state.AsOf, new StringPool());

        Assert.Equal(scanned.UserId, restored.UserId);
        Assert.Equal(scanned.Providers, restored.Providers);
        Assert.Equal(scanned.Headline, restored.Headline);
        Assert.Equal(scanned.FindingMask, restored.FindingMask);
        Assert.Equal(scanned.WorstStatus, restored.WorstStatus);
        Assert.Equal(scanned.LatestActivityTicks, restored.LatestActivityTicks);
        Assert.Equal(scanned.Pulls.Select(p => p.ToHistoricalPull()), restored.Pulls.Select(p => p.ToHistoricalPull()));
        Assert.Equal(scanned.NotPulled.Select(n => (n.Provider, string.Join(',', n.Resources))), restored.NotPulled.Select(n => (n.Provider, string.Join(',', n.Resources))));
    }

    [Fact]
    public void ToResources_FromState_OngoingDataAndItsFindingsComeBack()
    {
        UserHistoricalPulls pulls = User(1).Pull("oura", "sleep", "success", daysWithData: 3);
        var ongoing = new OngoingBuilder(Id(1)).Resource("oura", "sleep", TimeSpan.FromDays(20)).Resource("withings", "weight", null, attempt: "failure").Build();
        var scanned = TeamUser.Create(pulls, ongoing, Engine, Now, new StringPool());
        var state = TeamStateMapping.ToState(scanned, Engine);

        var restored = TeamUser.Create(TeamStateMapping.ToPulls(state), TeamStateMapping.ToResources(state), Engine, state.AsOf, new StringPool());

        Assert.Equal(["oura"], state.Providers);
        Assert.Equal([("oura", "sleep"), ("withings", "weight")], state.Ongoing!.Select(o => (o.Provider, o.Resource)));
        Assert.True(restored.OngoingRead);
        Assert.Equal(scanned.Providers, restored.Providers);
        Assert.Equal(scanned.Headline, restored.Headline);
        Assert.Equal(scanned.FindingMask, restored.FindingMask);
        Assert.Equal(scanned.IsStale, restored.IsStale);
        Assert.Equal(scanned.Ongoing.Select(o => o.ToFreshness()), restored.Ongoing.Select(o => o.ToFreshness()));
        Assert.Contains(state.Findings, f => f.Provider == "withings");
    }

    [Fact]
    public void ToResources_ScanDidNotReadOngoingData_NullNotEmpty()
    {
        var state = TeamStateMapping.ToState(TeamUser.Create(User(1).Pull("oura", "sleep", "success"), Engine, Now, new StringPool()), Engine);

        Assert.Null(state.Ongoing);
        Assert.Null(TeamStateMapping.ToResources(state));
    }
}
