using Dashboard.Diagnosis;
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

        AssertSameGridFigures(scanned, restored);
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
        AssertSameGridFigures(scanned, restored);
        Assert.Contains(state.Findings, f => f.Provider == "withings");
    }

    [Fact]
    public void FromStored_ThroughThePayload_EveryGridFigureAsTheScannedUserWithoutDiagnosingAgain()
    {
        var pool = new StringPool();
        TeamUser[] scanned =
        [
            TeamUser.Create(User(1).Pull("oura", "sleep", "failure", errorDetails: "provider_credential_error").Pull("oura", "workouts", "success").NotPulled("oura", "hrv"), Engine, Now, pool),
            TeamUser.Create(User(2).Pull("garmin", "activity", "retrying", errorDetails: "rate_limited").Pull("fitbit", "sleep", "in_progress"), Engine, Now, pool),
            TeamUser.Create(User(3).NotPulled("garmin", "sleep"), Engine, Now, pool),
            TeamUser.Create(
                User(4).Pull("oura", "sleep", "success", daysWithData: 3),
                new OngoingBuilder(Id(4)).Resource("oura", "sleep", TimeSpan.FromDays(20)).Resource("withings", "weight", null, attempt: "failure").Build(),
                Engine,
                Now.AddMinutes(-3),
                pool),
            TeamUser.Create(User(5), new OngoingBuilder(Id(5)).Resource("oura", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, pool),
        ];
        var snapshot = TestSnapshots.Scanning();
        foreach (var user in scanned)
        {
            snapshot.Upsert(user);
        }

        snapshot.Complete(Now);
        var payload = Dashboard.Store.State.TeamStateSerializer.Serialize(TeamStateMapping.ToState(snapshot, Engine));
        var stored = Dashboard.Store.State.TeamStateSerializer.Deserialize(payload, Dashboard.Store.State.TeamStateSerializer.Format)!;

        var restored = stored.Users.Select(u => TeamStateMapping.FromStored(u, Engine, new StringPool())).ToList();

        Assert.All(restored, Assert.NotNull);
        foreach (var (was, back) in scanned.Zip(restored))
        {
            AssertSameGridFigures(was, back!);
        }

        Assert.True(scanned[3].IsStale);
        Assert.Equal(Severity.Critical, restored[0]!.Overall);
    }

    [Fact]
    public void ToState_ARestoredUser_WritesTheFindingsAndHeadlineItShows_WithoutDiagnosingAgain()
    {
        // Stored by an earlier version whose rules found a failed pull where today's find none: the grid shows the stored
        // figures until the next scan, and a state written meanwhile says what the grid shows.
        var stored = TeamStateMapping.ToState(TeamUser.Create(User(1).Pull("oura", "sleep", "success", daysWithData: 90), Engine, Now, new StringPool()), Engine) with
        {
            Findings = [new("pull_failed", "critical", "oura", "sleep")],
            Headline = "Oura sleep failed (as stored).",
        };
        var restored = TeamStateMapping.FromStored(stored, Engine, new StringPool())!;

        var state = TeamStateMapping.ToState(restored, Engine);

        Assert.Equal([new Dashboard.Store.State.FindingState("pull_failed", "critical", "oura", "sleep")], state.Findings);
        Assert.Equal("Oura sleep failed (as stored).", state.Headline);
        Assert.Equal(Severity.Critical, restored.Overall);
    }

    [Fact]
    public void ToState_AUserNotDiagnosedYet_DiagnosedThereAsTheGridWouldBe()
    {
        var pool = new StringPool();
        UserHistoricalPulls pulls = User(1).Pull("oura", "sleep", "failure", errorDetails: "provider_credential_error").NotPulled("oura", "hrv");
        var pending = TeamUser.Create(pulls, Engine, Now, pool, diagnose: false);
        var diagnosed = TeamUser.Create(pulls, Engine, Now, pool);

        var state = TeamStateMapping.ToState(pending, Engine);

        Assert.Empty(pending.Findings);
        Assert.Equal(TeamStateMapping.ToState(diagnosed, Engine).Findings, state.Findings);
        Assert.Equal(diagnosed.Headline, state.Headline);
        Assert.Contains(state.Findings, f => f is { Code: "pull_failed", Provider: "oura", Resource: "sleep" });
    }

    [Fact]
    public void FromStored_PayloadWithoutHeadlines_NullSoTheRestartDiagnoses()
    {
        var state = TeamStateMapping.ToState(TeamUser.Create(User(1).Pull("oura", "sleep", "failure"), Engine, Now, new StringPool()), Engine);

        Assert.NotNull(state.Headline);
        Assert.Null(TeamStateMapping.FromStored(state with { Headline = null }, Engine, new StringPool()));
        Assert.Null(TeamStateMapping.FromStored(state with { Findings = [new("pull_failed", "dreadful")] }, Engine, new StringPool()));
    }

    [Fact]
    public void ToResources_ScanDidNotReadOngoingData_NullNotEmpty()
    {
        var state = TeamStateMapping.ToState(TeamUser.Create(User(1).Pull("oura", "sleep", "success"), Engine, Now, new StringPool()), Engine);

        Assert.Null(state.Ongoing);
        Assert.Null(TeamStateMapping.ToResources(state));
    }

    /// <summary>Everything the grid, its filters and orders, and the CSV read of a team user.</summary>
    private static void AssertSameGridFigures(TeamUser was, TeamUser back)
    {
        Assert.Equal(was.UserId, back.UserId);
        Assert.Equal(was.AsOf, back.AsOf);
        Assert.Equal(was.Overall, back.Overall);
        Assert.Equal(was.Headline, back.Headline);
        Assert.Equal(was.FindingMask, back.FindingMask);
        Assert.Equal(was.Findings, back.Findings);
        Assert.Equal((was.CriticalCount, was.WarningCount, was.InfoCount), (back.CriticalCount, back.WarningCount, back.InfoCount));
        Assert.Equal(was.WorstStatus, back.WorstStatus);
        Assert.Equal(was.HasActivePulls, back.HasActivePulls);
        Assert.Equal(was.LatestActivityTicks, back.LatestActivityTicks);
        Assert.Equal(was.NewestDataTicks, back.NewestDataTicks);
        Assert.Equal(was.IsStale, back.IsStale);
        Assert.Equal(was.OngoingRead, back.OngoingRead);
        Assert.Equal(was.Providers, back.Providers);
        Assert.Equal(was.PullProviders, back.PullProviders);
        Assert.Equal(was.Pulls, back.Pulls);
        Assert.Equal(was.Ongoing, back.Ongoing);
        Assert.Equal(was.NotPulled.Select(n => (n.Provider, string.Join(',', n.Resources))), back.NotPulled.Select(n => (n.Provider, string.Join(',', n.Resources))));
    }
}
