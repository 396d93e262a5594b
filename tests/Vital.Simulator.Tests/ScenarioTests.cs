using System.Text.Json;
using Vital.Introspection;

namespace Vital.Simulator.Tests;

/// <summary>Every guaranteed situation is in the team, registered under its name, and shows when fetched by user id.</summary>
public sealed class ScenarioTests
{
    /// <summary>SHA-256 of a 100-user team's historical-pull walk (seed 1, 50 per page) before the whole diagnosis came.</summary>
    private const string TeamOf100Hash = "7fe549de1ecdbd3d5cce51987b66f972ce60239089bb0f55534763c903c34565";

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
            "no_connections", "revoked_token", "scopes_denied", "stale_data", "healthkit_delay", "last_attempt_failed",
            "connection_paused", "password_expired", "unknown_error_type", "unknown_connection_status",
            "past_ingestion_end", "future_ingestion_start",
            "client_id_with_slash", "client_id_non_ascii", "client_id_uuid_shaped", "client_id_with_space_and_percent",
        ];

        Assert.Equal(expected, ScenarioNames.All);
        Assert.Equal(expected, ScenarioNames.PullScenarios.Concat(ScenarioNames.DiagnosisScenarios));
        Assert.Equal(33, ScenarioNames.PullScenarios.Count);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(60)]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(5000)]
    public void Scenarios_TeamOfAtLeast33_HoldsEveryPullScenarioWithinTheFirst60Users(int users)
    {
        using var kit = new SimulatorTestKit(users);
        var pulls = kit.Team.Scenarios.Where(s => ScenarioNames.PullScenarios.Contains(s.Key)).ToList();

        Assert.Equal(ScenarioNames.PullScenarios.Order(), pulls.Select(s => s.Key).Order());
        Assert.Equal(kit.Team.Scenarios.Count, kit.Team.Scenarios.Values.Distinct().Count());
        Assert.All(pulls, s => Assert.InRange(IndexOf(kit.Team, s.Value), 0, 59));
        Assert.All(kit.Team.Scenarios, s => Assert.Equal(s.Key, kit.Team.ScenarioOf(s.Value)));
    }

    [Theory]
    [InlineData(116)]
    [InlineData(120)]
    [InlineData(200)]
    [InlineData(5000)]
    public void Scenarios_TeamOfAtLeast116_HoldsEveryScenarioTheDiagnosisOnesAmongUsers100To159(int users)
    {
        using var kit = new SimulatorTestKit(users);

        Assert.Equal(ScenarioNames.All.Order(), kit.Team.Scenarios.Keys.Order());
        Assert.All(ScenarioNames.DiagnosisScenarios, name => Assert.InRange(IndexOf(kit.Team, kit.Team.Scenarios[name]), 100, 159));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(100)]
    public void Scenarios_TeamOfAtMost100_HoldsNoDiagnosisScenario(int users)
    {
        using var kit = new SimulatorTestKit(users);

        Assert.Equal(ScenarioNames.PullScenarios.Order(), kit.Team.Scenarios.Keys.Order());
    }

    [Fact]
    public void Scenarios_TeamOf110_HoldsTheFirstTenDiagnosisScenarios()
    {
        using var kit = new SimulatorTestKit(users: 110);

        Assert.Equal(ScenarioNames.PullScenarios.Concat(ScenarioNames.DiagnosisScenarios.Take(10)).Order(), kit.Team.Scenarios.Keys.Order());
    }

    [Fact]
    public void PullScenarios_DiagnosisScenariosAdded_KeepTheirPositions()
    {
        // Where seed 1 put each historical-pull scenario before the whole-diagnosis scenarios came: other projects'
        // tests know these users, so they must not move.
        var before = new Dictionary<string, int>
        {
            ["unknown_resource"] = 1, ["failed_non_retriable_error"] = 2, ["in_progress_recent"] = 6, ["retrying_resource_contention"] = 8,
            ["failed_no_details"] = 9, ["stuck_scheduled"] = 11, ["failed_transport_failure"] = 13, ["not_pulled"] = 15,
            ["unknown_provider"] = 16, ["legacy_error"] = 17, ["many_resources"] = 18, ["failed_provider_unavailable"] = 20,
            ["timeline_out_of_order"] = 21, ["retrying_transport_failure"] = 22, ["garmin_fresh"] = 25, ["no_pulls"] = 27,
            ["stuck_in_progress"] = 28, ["retrying_provider_unavailable"] = 29, ["dexcom_one_day"] = 31, ["unknown_status"] = 33,
            ["failed_resource_contention"] = 34, ["retrying_provider_rate_limit_exceeded"] = 36, ["success_no_data"] = 37,
            ["strava_short_window"] = 40, ["evolving"] = 44, ["success_without_ended_at"] = 45, ["low_coverage"] = 50,
            ["scheduled_recent"] = 51, ["failed_unexpected_error"] = 52, ["not_pulled_only"] = 54, ["failed_retry_quota_exhausted"] = 55,
            ["failed_provider_rate_limit_exceeded"] = 57, ["healthy"] = 59,
        };
        using var kit = new SimulatorTestKit(users: 200, seed: 1);

        Assert.Equal(before.OrderBy(p => p.Key), ScenarioNames.PullScenarios.Select(n => KeyValuePair.Create(n, IndexOf(kit.Team, kit.Team.Scenarios[n]))).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task TeamOf100_Pulls_AreByteForByteWhatTheyWereBeforeTheWholeDiagnosis()
    {
        // A team of up to 100 users holds no whole-diagnosis scenario user: every page is what it was (SHA-256 of the walk).
        using var kit = new SimulatorTestKit(users: 100, seed: 1);

        var pages = await kit.WalkAsync(50);

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", pages.Select(p => p.Body)))));
        Assert.Equal(TeamOf100Hash, hash);
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

        if (scenario is ScenarioNames.NoPulls or ScenarioNames.NoConnections)
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
            case ScenarioNames.ScopesDenied:
                Assert.Empty(odd);
                Assert.Equal(["heartrate", "hrv"], notPulled["fitbit"]);
                break;
            case ScenarioNames.FutureIngestionStart:
                AssertOnly(odd, r => r.Status == "success" && r.DaysWithData == 0);
                break;
            case var name when ScenarioNames.DiagnosisScenarios.Contains(name):
                // Their situation is in the user, the connections or the ongoing data (DiagnosisScenarioTests).
                Assert.NotEmpty(rows);
                Assert.Empty(odd);
                Assert.All(notPulled.Values, Assert.Empty);
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
