using System.Text.Json;
using Vital.Introspection;

namespace Vital.Simulator.Tests;

/// <summary>Every guaranteed situation is in the team, registered under its name, and shows when fetched by user id.</summary>
public sealed class ScenarioTests
{
    private static readonly DateTimeOffset Now = SimulatorTestKit.Now;

    public static TheoryData<string> ScenarioNamesData() => [.. ScenarioNames.All];

    [Fact]
    public void ScenarioNames_All_AreTheAgreedNames()
    {
        string[] expected =
        [
            "healthy",
            "failed_provider_rate_limit_exceeded", "failed_provider_unavailable", "failed_transport_failure", "failed_resource_contention",
            "failed_non_retriable_error", "failed_unexpected_error", "failed_retry_quota_exhausted", "failed_no_details",
            "legacy_error",
            "retrying_provider_rate_limit_exceeded", "retrying_provider_unavailable", "retrying_transport_failure", "retrying_resource_contention",
            "stuck_scheduled", "scheduled_recent", "stuck_in_progress", "in_progress_recent", "success_no_data", "low_coverage",
            "not_pulled", "not_pulled_only", "no_pulls", "unknown_status", "unknown_provider", "unknown_resource",
            "timeline_out_of_order", "success_without_ended_at", "garmin_fresh", "dexcom_one_day", "strava_short_window",
            "many_resources", "evolving",
        ];

        Assert.Equal(expected, ScenarioNames.All);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(60)]
    [InlineData(200)]
    [InlineData(5000)]
    public void Scenarios_TeamOfAtLeast33_HoldsEveryScenarioWithinTheFirst60Users(int users)
    {
        using var kit = new SimulatorTestKit(users);

        Assert.Equal(ScenarioNames.All.Order(), kit.Team.Scenarios.Keys.Order());
        Assert.Equal(kit.Team.Scenarios.Count, kit.Team.Scenarios.Values.Distinct().Count());
        Assert.All(kit.Team.Scenarios, s => Assert.InRange(IndexOf(kit.Team, s.Value), 0, 59));
        Assert.All(kit.Team.Scenarios, s => Assert.Equal(s.Key, kit.Team.ScenarioOf(s.Value)));
    }

    [Fact]
    public void Scenarios_SmallTeam_HoldsTheFirstScenariosOnly()
    {
        using var kit = new SimulatorTestKit(users: 10);

        Assert.Equal(ScenarioNames.All.Take(10).Order(), kit.Team.Scenarios.Keys.Order());
    }

    [Fact]
    public void Scenarios_DifferentSeeds_SitAtDifferentPositions()
    {
        using var one = new SimulatorTestKit(users: 200, seed: 1);
        using var two = new SimulatorTestKit(users: 200, seed: 2);

        var positionsOne = ScenarioNames.All.Select(n => IndexOf(one.Team, one.Team.Scenarios[n]));
        var positionsTwo = ScenarioNames.All.Select(n => IndexOf(two.Team, two.Team.Scenarios[n]));
        Assert.NotEqual(positionsOne, positionsTwo);
    }

    [Theory]
    [MemberData(nameof(ScenarioNamesData))]
    public async Task Scenario_FetchedByUserId_ShowsItsSituation(string scenario)
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[scenario];

        var user = await kit.GetUserElementAsync(userId);

        if (scenario == ScenarioNames.NoPulls)
        {
            Assert.Null(user);
            Assert.False(kit.Team.HasPulls(userId));
            return;
        }

        Assert.NotNull(user);
        Assert.Equal(userId, user.Value.GetProperty("user_id").GetString());
        var rows = PullRow.Of(user.Value);
        var notPulled = PullRow.NotPulled(user.Value);
        var odd = rows.Where(r => !IsHealthy(r)).ToList();

        switch (scenario)
        {
            case ScenarioNames.Healthy:
                Assert.NotEmpty(rows);
                Assert.Empty(odd);
                Assert.All(notPulled.Values, Assert.Empty);
                break;
            case ScenarioNames.FailedNoDetails:
                AssertOnly(odd, r => r.Status == "failure" && r.ErrorDetails is null);
                break;
            case var name when name.StartsWith("failed_", StringComparison.Ordinal):
                AssertOnly(odd, r => r.Status == "failure" && r.ErrorDetails == name["failed_".Length..]);
                Assert.NotNull(odd[0].Timeline("ended_at"));
                break;
            case ScenarioNames.LegacyError:
                AssertOnly(odd, r => r.Status == "error" && r.ErrorDetails is null);
                break;
            case var name when name.StartsWith("retrying_", StringComparison.Ordinal):
                AssertOnly(odd, r => r.Status == "retrying" && r.ErrorDetails == name["retrying_".Length..]);
                Assert.True(new PullErrorDetails(odd[0].ErrorDetails!).IsRetriable);
                break;
            case ScenarioNames.StuckScheduled:
                AssertOnly(odd, r => r.Status == "scheduled" && r.Timeline("started_at") is null && r.Timeline("scheduled_at") < Now.AddHours(-6));
                Assert.Equal(JsonValueKind.Null, odd[0].Pull.GetProperty("range_start").ValueKind);
                break;
            case ScenarioNames.ScheduledRecent:
                AssertOnly(odd, r => r.Status == "scheduled" && r.Timeline("started_at") is null && r.Timeline("scheduled_at") > Now.AddHours(-1));
                break;
            case ScenarioNames.StuckInProgress:
                AssertOnly(odd, r => r.Status == "in_progress" && r.Timeline("started_at") < Now.AddDays(-1) && r.Timeline("ended_at") is null);
                break;
            case ScenarioNames.InProgressRecent:
                AssertOnly(odd, r => r.Status == "in_progress" && r.Timeline("started_at") > Now.AddHours(-3) && r.Timeline("ended_at") is null);
                break;
            case ScenarioNames.SuccessNoData:
                AssertOnly(odd, r => r.Status == "success" && r.DaysWithData == 0);
                break;
            case ScenarioNames.LowCoverage:
                AssertOnly(odd, r => r.Status == "success" && r.DaysWithData > 0 && r.DaysWithData < r.RangeDays / 2);
                break;
            case ScenarioNames.NotPulled:
                Assert.Empty(odd);
                Assert.Contains(notPulled, p => p.Value.Count > 0 && rows.Any(r => r.Provider == p.Key));
                break;
            case ScenarioNames.NotPulledOnly:
                Assert.Empty(rows);
                Assert.All(notPulled.Values, Assert.NotEmpty);
                break;
            case ScenarioNames.UnknownStatus:
                AssertOnly(odd, r => !new PullStatus(r.Status).IsKnown);
                break;
            case ScenarioNames.UnknownProvider:
                Assert.Empty(odd);
                Assert.Contains(rows, r => !new ProviderSlug(r.Provider).IsKnown);
                break;
            case ScenarioNames.UnknownResource:
                Assert.Empty(odd);
                Assert.Contains(rows, r => !new ResourceName(r.Resource).IsKnown);
                break;
            case ScenarioNames.TimelineOutOfOrder:
                AssertOnly(odd, r => r.Status == "success" && r.Timeline("started_at") < r.Timeline("scheduled_at"));
                break;
            case ScenarioNames.SuccessWithoutEndedAt:
                AssertOnly(odd, r => r.Status == "success" && r.Timeline("ended_at") is null);
                break;
            case ScenarioNames.GarminFresh:
                AssertOnly(odd, r => r.Provider == "garmin" && r.Status == "success" && r.DaysWithData is > 0 and <= 3
                    && r.Timeline("ended_at") > Now.AddHours(-6));
                break;
            case ScenarioNames.DexcomOneDay:
                Assert.Contains(rows, r => r.Provider == "dexcom" && r.RangeDays == 1);
                break;
            case ScenarioNames.StravaShortWindow:
                Assert.Contains(rows, r => r.Provider == "strava" && r.RangeDays == 14);
                break;
            case ScenarioNames.ManyResources:
                Assert.True(rows.Count >= 40, $"{rows.Count} rows");
                Assert.True(rows.Select(r => r.Provider).Distinct().Count() >= 5);
                break;
            case ScenarioNames.Evolving:
                AssertOnlyEvery(rows, r => r.Status == "scheduled" && r.Timeline("scheduled_at") > Now.AddMinutes(-5));
                break;
            default:
                Assert.Fail($"No assertion for scenario '{scenario}'.");
                break;
        }
    }

    [Fact]
    public async Task Evolving_SimulatedMinutesPass_MovesFromScheduledToInProgressToSuccess()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Evolving];

        var statuses = new List<string>();
        foreach (var minutes in new[] { 0, 2, 3, 6 })
        {
            kit.Time.SetUtcNow(SimulatorTestKit.Now.AddMinutes(minutes));
            var user = await kit.GetUserElementAsync(userId);
            statuses.Add(string.Join(",", PullRow.Of(user!.Value).Select(r => r.Status).Distinct()));
        }

        Assert.Equal(["scheduled", "in_progress", "in_progress", "success"], statuses);
        var done = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value);
        Assert.All(done, r => Assert.True(r.Timeline("ended_at") > r.Timeline("started_at")));
        Assert.All(done, r => Assert.True(r.DaysWithData > 0));
    }

    [Fact]
    public async Task Evolving_InProgress_DaysWithDataGrow()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Evolving];

        kit.Time.SetUtcNow(SimulatorTestKit.Now.AddMinutes(1.5));
        var early = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value)[0].DaysWithData;
        kit.Time.SetUtcNow(SimulatorTestKit.Now.AddMinutes(3.5));
        var later = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value)[0].DaysWithData;

        Assert.True(later > early, $"{early} then {later}");
    }

    [Fact]
    public async Task NoPullsUser_Listing_IsLeftOut()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var listed = (await kit.WalkAsync()).SelectMany(p => p.UserIds).ToHashSet();

        Assert.DoesNotContain(kit.Team.Scenarios[ScenarioNames.NoPulls], listed);
        Assert.Contains(kit.Team.Scenarios[ScenarioNames.NotPulledOnly], listed);
    }

    private static bool IsHealthy(PullRow row) =>
        row.Status == "success" && row.ErrorDetails is null && row.DaysWithData > 0
        && (row.RangeDays is null || row.DaysWithData * 2 >= row.RangeDays)
        && row.Timeline("ended_at") is not null && row.Timeline("started_at") >= row.Timeline("scheduled_at");

    /// <summary>Exactly one pull is not healthy, and it is the scenario's.</summary>
    private static void AssertOnly(List<PullRow> odd, Func<PullRow, bool> situation)
    {
        Assert.Single(odd);
        Assert.True(situation(odd[0]), $"{odd[0].Provider}/{odd[0].Resource}: {odd[0].Pull}");
    }

    private static void AssertOnlyEvery(List<PullRow> rows, Func<PullRow, bool> situation)
    {
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(situation(r), $"{r.Provider}/{r.Resource}: {r.Pull}"));
    }

    private static int IndexOf(SimulatedTeam team, string userId) => team.UserIds.ToList().IndexOf(userId);
}
