using System.Net;
using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary><c>POST /v2/user/refresh/{user_id}</c>: polling providers only, 400 without connections, 8 per user per hour.</summary>
public sealed class RefreshEndpointTests
{
    [Fact]
    public async Task Refresh_UserWithPollingSdkAndPushProviders_RefreshesThePollingOnesOnly()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.ManyResources]; // apple_health_kit, fitbit, garmin, oura, withings, whoop_v2
        var resources = ResourceRow.Of((await kit.GetResourcesAsync($"user_id={userId}")).Json.GetProperty("data")[0]);

        var answer = await kit.RefreshAsync(userId);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var json = answer.Json;
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal(userId, json.GetProperty("user_id").GetString());
        var refreshed = Strings(json, "refreshed_sources");
        Assert.Equal(
            resources.Where(r => r.Provider is "fitbit" or "oura" or "withings" or "whoop_v2").Select(r => $"{r.Provider}/{r.Resource}").Order(),
            refreshed.Order());
        Assert.DoesNotContain(refreshed, s => s.StartsWith("apple_health_kit/", StringComparison.Ordinal) || s.StartsWith("garmin/", StringComparison.Ordinal));
        Assert.Empty(Strings(json, "in_progress_sources"));
        Assert.Empty(Strings(json, "failed_sources"));
    }

    [Fact]
    public async Task Refresh_SdkOnlyUser_RefreshesNothing()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.HealthKitDelay]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(Strings(answer.Json, "refreshed_sources"));
        Assert.Empty(Strings(answer.Json, "failed_sources"));
    }

    [Fact]
    public async Task Refresh_ErroredConnection_ListsItsResourcesAsFailed()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.RevokedToken]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(Strings(answer.Json, "refreshed_sources"));
        Assert.NotEmpty(Strings(answer.Json, "failed_sources"));
        Assert.All(Strings(answer.Json, "failed_sources"), s => Assert.StartsWith("google_health/", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_UserWithoutConnections_Is400AsTheSpecsExample()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.NoConnections];

        var answer = await kit.RefreshAsync(userId);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal($$"""{"success":false,"user_id":"{{userId}}","error":"user has no connected sources","failed_sources":[]}""", answer.Body);
    }

    [Fact]
    public async Task Refresh_NinthWithinAnHour_Is429_AndWorksAgainAnHourAfterTheFirst()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];
        var other = kit.Team.Scenarios[ScenarioNames.StaleData];

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < VitalSimulator.RefreshesPerHour; i++)
        {
            statuses.Add((await kit.RefreshAsync(userId)).Status);
            kit.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var ninth = await kit.RefreshAsync(userId);
        var otherUser = await kit.RefreshAsync(other);
        kit.Time.Advance(TimeSpan.FromMinutes(19)); // 59 minutes after the first
        var stillLimited = await kit.RefreshAsync(userId);
        kit.Time.Advance(TimeSpan.FromMinutes(1));
        var anHourLater = await kit.RefreshAsync(userId);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.Status);
        Assert.Equal(JsonValueKind.String, ninth.Json.GetProperty("detail").ValueKind);
        Assert.Equal(HttpStatusCode.OK, otherUser.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.Status);
        Assert.Equal(HttpStatusCode.OK, anHourLater.Status);
    }

    [Fact]
    public async Task Refresh_Cleared_StartsTheHourAfresh()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];
        for (var i = 0; i < VitalSimulator.RefreshesPerHour; i++)
        {
            await kit.RefreshAsync(userId);
        }

        var limited = await kit.RefreshAsync(userId);
        kit.Simulator.ClearRefreshes();
        var afresh = await kit.RefreshAsync(userId);

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], [limited.Status, afresh.Status]);
    }

    [Fact]
    public async Task Refresh_Done_MovesTheLastAttemptOfRefreshedResourcesToNow()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.ManyResources];
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        var before = ResourceRow.Of((await kit.GetResourcesAsync($"user_id={userId}")).Json.GetProperty("data")[0]);

        await kit.RefreshAsync(userId);
        var after = ResourceRow.Of((await kit.GetResourcesAsync($"user_id={userId}")).Json.GetProperty("data")[0]);

        var now = SimulatorTestKit.Now.AddMinutes(10);
        Assert.All(after.Where(r => r.Provider is "fitbit" or "oura"), r => Assert.Equal((now, "success"), (r.LastAttemptAt!.Value, r.LastAttemptStatus!)));
        Assert.Equal(
            before.Where(r => r.Provider is "apple_health_kit" or "garmin").Select(r => r.Stats.GetRawText()),
            after.Where(r => r.Provider is "apple_health_kit" or "garmin").Select(r => r.Stats.GetRawText()));
        Assert.Equal(before.Select(r => r.NewestData), after.Select(r => r.NewestData));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("10.5")]
    [InlineData("60")]
    public async Task Refresh_TimeoutWithinFiveToSixty_Is200(string timeout)
    {
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.Healthy], $"timeout={timeout}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("4.9", "greater_than_equal")]
    [InlineData("0", "greater_than_equal")]
    [InlineData("61", "less_than_equal")]
    [InlineData("abc", "float_parsing")]
    [InlineData("", "float_parsing")]
    public async Task Refresh_TimeoutOutsideFiveToSixty_Is422OnTheQuery(string timeout, string type)
    {
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.Healthy], $"timeout={timeout}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        var error = Assert.Single(answer.Json.GetProperty("detail").EnumerateArray());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(["query", "timeout"], error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Refresh_MalformedIdAndTimeout_BothReportedInOne422()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.RefreshAsync("nope", "timeout=100");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal([["path", "user_id"], ["query", "timeout"]],
            answer.Json.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("loc").EnumerateArray().Select(l => l.GetString()).ToArray()));
    }

    [Fact]
    public async Task Refresh_UnknownUser_Is404()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.RefreshAsync("7aec8422-8174-4464-a4b2-b04c5939be0d");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("detail").ValueKind);
    }

    [Fact]
    public async Task OtherMethods_OnEveryRoute_Are405NamingTheOneAllowed()
    {
        using var kit = new SimulatorTestKit(users: 20);
        var userId = kit.Team.UserIds[0];

        var getRefresh = await kit.SendAsync(HttpMethod.Get, $"v2/user/refresh/{userId}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getRefresh.Status);
        Assert.Equal(["POST"], getRefresh.Headers.Content.Headers.Allow);
        foreach (var path in new[] { $"v2/user/{userId}", $"v2/user/providers/{userId}", "v2/user/resolve/cust-1", SimulatorTestKit.ResourcesEndpoint })
        {
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
            {
                var answer = await kit.SendAsync(method, path);

                Assert.True(answer.Status == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {answer.Status}");
                Assert.Equal(["GET"], answer.Headers.Content.Headers.Allow);
            }
        }
    }

    private static List<string> Strings(JsonElement json, string name) => [.. json.GetProperty(name).EnumerateArray().Select(s => s.GetString()!)];
}
