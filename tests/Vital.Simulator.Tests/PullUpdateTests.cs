using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary>Changing one pull at runtime: the next answer shows it, by id and in listings.</summary>
public sealed class PullUpdateTests
{
    [Fact]
    public async Task SetPull_HealthyUser_NextAnswerShowsTheNewState()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];
        kit.Time.Advance(TimeSpan.FromHours(1));

        var result = kit.Simulator.SetPull(userId, "oura", "sleep", new PullUpdate { Status = "failure", ErrorDetails = "unexpected_error" });

        Assert.Equal(PullUpdateResult.Updated, result);
        var row = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value).Single(r => r.Provider == "oura" && r.Resource == "sleep");
        Assert.Equal("failure", row.Status);
        Assert.Equal("unexpected_error", row.ErrorDetails);
        Assert.Equal(SimulatorTestKit.Now.AddHours(1), row.Timeline("ended_at"));
        Assert.Matches("^[0-9a-f]{32}$", row.Pull.GetProperty("trace_id").GetString());

        var listed = (await kit.WalkAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray())
            .Single(u => u.GetProperty("user_id").GetString() == userId);
        Assert.Equal("failure", listed.GetProperty("provider").GetProperty("oura").GetProperty("pulled").GetProperty("sleep").GetProperty("status").GetString());
    }

    [Fact]
    public async Task SetPull_ScheduledThenSuccess_ShowsEachStep()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];

        kit.Simulator.SetPull(userId, "fitbit", "sleep", new PullUpdate { Status = "scheduled" });
        var scheduled = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value).Single(r => r.Provider == "fitbit" && r.Resource == "sleep");
        kit.Simulator.SetPull(userId, "fitbit", "sleep", new PullUpdate { Status = "success", DaysWithData = 90 });
        var done = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value).Single(r => r.Provider == "fitbit" && r.Resource == "sleep");

        Assert.Equal("scheduled", scheduled.Status);
        Assert.Equal(JsonValueKind.Null, scheduled.Pull.GetProperty("range_start").ValueKind);
        Assert.Null(scheduled.Timeline("started_at"));
        Assert.Equal("success", done.Status);
        Assert.Equal(90, done.DaysWithData);
        Assert.Equal(90, done.RangeDays);
    }

    [Fact]
    public async Task SetPull_NotPulledResource_MovesToPulled()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.NotPulledOnly];
        var before = PullRow.NotPulled((await kit.GetUserElementAsync(userId))!.Value)["fitbit"];

        kit.Simulator.SetPull(userId, "fitbit", before[0], new PullUpdate { Status = "in_progress" });

        var user = (await kit.GetUserElementAsync(userId))!.Value;
        Assert.Equal([before[0]], PullRow.Of(user).Select(r => r.Resource));
        Assert.Equal(before.Skip(1), PullRow.NotPulled(user)["fitbit"]);
    }

    [Fact]
    public async Task SetPull_UserWithoutPulls_NowAppearsByIdAndInTheListing()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.NoPulls];
        var provider = kit.Team.ProvidersOf(userId).Single();

        kit.Simulator.SetPull(userId, provider, "sleep", new PullUpdate { Status = "scheduled" });

        Assert.NotNull(await kit.GetUserElementAsync(userId));
        Assert.Contains(userId, (await kit.WalkAsync()).SelectMany(p => p.UserIds));
        Assert.Contains(userId, (await kit.WalkAsync(50, provider)).SelectMany(p => p.UserIds));
    }

    [Fact]
    public void SetPull_UnknownUserOrProvider_IsRefused()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];

        Assert.Equal(PullUpdateResult.UnknownUser, kit.Simulator.SetPull(Guid.NewGuid().ToString(), "oura", "sleep", new PullUpdate { Status = "success" }));
        Assert.Equal(PullUpdateResult.NotConnected, kit.Simulator.SetPull(userId, "strava", "workouts", new PullUpdate { Status = "success" }));
        Assert.Equal(PullUpdateResult.NotConnected, kit.Simulator.SetPull(userId, "no_such_provider", "sleep", new PullUpdate { Status = "success" }));
        Assert.Throws<ArgumentException>(() => kit.Simulator.SetPull(userId, "oura", "sleep", new PullUpdate { Status = " " }));
    }

    [Fact]
    public async Task ClearPullUpdates_AfterChanges_AnswersAsGeneratedAgain()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];
        var original = (await kit.GetUserAsync(userId)).Body;

        kit.Simulator.SetPull(userId, "oura", "sleep", new PullUpdate { Status = "failure" });
        var changed = (await kit.GetUserAsync(userId)).Body;
        kit.Simulator.ClearPullUpdates();

        Assert.NotEqual(original, changed);
        Assert.Equal(original, (await kit.GetUserAsync(userId)).Body);
    }
}
