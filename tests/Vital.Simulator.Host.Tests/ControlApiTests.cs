using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Vital.Simulator.Host.Tests;

/// <summary>The control API under /_simulator/ that browser and end-to-end tests drive.</summary>
public sealed class ControlApiTests
{
    private const string Endpoint = "/v2/introspect/historical_pull";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scenarios_Get_IsTheTeamsScenarioMap()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();

        var scenarios = await http.GetFromJsonAsync<Dictionary<string, string>>("/_simulator/scenarios", Ct);

        Assert.Equal(factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios.OrderBy(s => s.Key), scenarios!.OrderBy(s => s.Key));
        Assert.Equal(ScenarioNames.All.Count, scenarios!.Count);
    }

    [Fact]
    public async Task Faults_PutThenDelete_SwitchFaultsOnAndOff()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();

        using var put = await http.PutAsJsonAsync("/_simulator/faults", new { unavailableRate = 1.0 }, Ct);
        var during = await StatusAsync(http);
        var current = await http.GetFromJsonAsync<JsonElement>("/_simulator/faults", Ct);
        using var delete = await http.DeleteAsync("/_simulator/faults", Ct);
        var after = await StatusAsync(http);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal(1.0, current.GetProperty("unavailableRate").GetDouble());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Faults_PutInvalid_Is400NamingTheKeyAndKeepsTheOldFaults()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();

        using var put = await http.PutAsJsonAsync("/_simulator/faults", new { ServerErrorRate = 2.0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("Simulator:Faults:ServerErrorRate must be between 0 and 1", await put.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http));
    }

    [Fact]
    public async Task Faults_PutForTheConnectionsEndpointOnly_FailsItAndNothingElse()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();
        var healthy = factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios[ScenarioNames.Healthy];

        using var put = await http.PutAsJsonAsync("/_simulator/faults", new { serverErrorRate = 1.0, endpoints = new[] { "providers" } }, Ct);
        var current = await http.GetFromJsonAsync<JsonElement>("/_simulator/faults", Ct);
        using var connections = await http.SendAsync(HostEndpointTests.Get($"/v2/user/providers/{healthy}", withKey: true), Ct);
        using var user = await http.SendAsync(HostEndpointTests.Get($"/v2/user/{healthy}", withKey: true), Ct);
        using var resources = await http.SendAsync(HostEndpointTests.Get($"/v2/introspect/resources?user_id={healthy}", withKey: true), Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["providers"], current.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.InternalServerError, connections.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [await StatusAsync(http), user.StatusCode, resources.StatusCode]);
    }

    [Fact]
    public async Task Faults_PutUnknownEndpoint_Is400NamingTheKey()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();

        using var put = await http.PutAsJsonAsync("/_simulator/faults", new { unavailableRate = 1.0, endpoints = new[] { "connections" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("Simulator:Faults:Endpoints:0 'connections' must be one of", await put.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http));
    }

    [Fact]
    public async Task Refreshes_Delete_StartsEveryUsersHourAfresh()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();
        var healthy = factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios[ScenarioNames.Healthy];
        async Task<HttpStatusCode> RefreshAsync()
        {
            using var response = await http.SendAsync(HostEndpointTests.Request(HttpMethod.Post, $"/v2/user/refresh/{healthy}", withKey: true), Ct);
            return response.StatusCode;
        }

        for (var i = 0; i < VitalSimulator.RefreshesPerHour; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await RefreshAsync());
        }

        var limited = await RefreshAsync();
        using var delete = await http.DeleteAsync("/_simulator/refreshes", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await RefreshAsync());
    }

    [Fact]
    public async Task Faults_DisconnectOverHttp_DropsTheConnection()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();
        using var put = await http.PutAsJsonAsync("/_simulator/faults", new { disconnectRate = 1.0 }, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => StatusAsync(http));
    }

    [Fact]
    public async Task Pull_PostNewStatus_NextAnswerShowsIt()
    {
        var time = new FakeTimeProvider(SimulatorHost.Now);
        await using var factory = SimulatorHost.Create(time);
        using var http = factory.CreateClient();
        var scenarios = await http.GetFromJsonAsync<Dictionary<string, string>>("/_simulator/scenarios", Ct);
        var userId = scenarios![ScenarioNames.StuckScheduled];
        var before = await UserAsync(http, userId);
        var stuck = before.GetProperty("provider").EnumerateObject()
            .SelectMany(p => p.Value.GetProperty("pulled").EnumerateObject().Select(r => (Provider: p.Name, Resource: r.Name, Pull: r.Value)))
            .Single(r => r.Pull.GetProperty("status").GetString() == "scheduled");
        time.Advance(TimeSpan.FromMinutes(30));

        using var post = await http.PostAsync(
            $"/_simulator/users/{userId}/pulls/{stuck.Provider}/{stuck.Resource}",
            new StringContent("""{"status":"success","days_with_data":90}""", System.Text.Encoding.UTF8, "application/json"),
            Ct);
        var after = (await UserAsync(http, userId)).GetProperty("provider").GetProperty(stuck.Provider).GetProperty("pulled").GetProperty(stuck.Resource);

        Assert.Equal(HttpStatusCode.NoContent, post.StatusCode);
        Assert.Equal("success", after.GetProperty("status").GetString());
        Assert.Equal(90, after.GetProperty("days_with_data").GetInt32());
        Assert.Equal("2025-11-28T12:30:00+00:00", after.GetProperty("timeline").GetProperty("ended_at").GetString());
    }

    [Fact]
    public async Task Pull_PostForUnknownUserOrProvider_Is404()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();
        var healthy = factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios[ScenarioNames.Healthy];

        using var unknownUser = await http.PostAsJsonAsync($"/_simulator/users/{Guid.NewGuid()}/pulls/oura/sleep", new { status = "success" }, Ct);
        using var notConnected = await http.PostAsJsonAsync($"/_simulator/users/{healthy}/pulls/strava/workouts", new { status = "success" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notConnected.StatusCode);
    }

    [Theory]
    [InlineData("""{"days_with_data":3}""")]
    [InlineData("""{"status":""}""")]
    [InlineData("""{"status":"success","days_with_data":-1}""")]
    [InlineData("not json")]
    public async Task Pull_PostInvalidBody_Is400(string body)
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();
        var healthy = factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios[ScenarioNames.Healthy];

        using var post = await http.PostAsync($"/_simulator/users/{healthy}/pulls/oura/sleep",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Fact]
    public async Task Pulls_Delete_UndoesEveryChange()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();
        var healthy = factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios[ScenarioNames.Healthy];
        var original = (await UserAsync(http, healthy)).GetRawText();

        using var post = await http.PostAsJsonAsync($"/_simulator/users/{healthy}/pulls/oura/sleep", new { status = "failure" }, Ct);
        var changed = (await UserAsync(http, healthy)).GetRawText();
        using var delete = await http.DeleteAsync("/_simulator/pulls", Ct);

        Assert.NotEqual(original, changed);
        Assert.Equal(original, (await UserAsync(http, healthy)).GetRawText());
    }

    [Fact]
    public async Task Stats_AfterRequests_CountsThemAndShowsTheirQueries()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();

        await StatusAsync(http);
        using var second = await http.SendAsync(HostEndpointTests.Get($"{Endpoint}?user_limit=5", withKey: true), Ct);
        var stats = await http.GetFromJsonAsync<JsonElement>("/_simulator/stats", Ct);

        Assert.Equal(2, stats.GetProperty("requestCount").GetInt64());
        Assert.Equal(["", "user_limit=5"], stats.GetProperty("recentRequestQueries").EnumerateArray().Select(q => q.GetString()));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http)
    {
        using var response = await http.SendAsync(HostEndpointTests.Get(Endpoint, withKey: true), Ct);
        return response.StatusCode;
    }

    private static async Task<JsonElement> UserAsync(HttpClient http, string userId)
    {
        using var response = await http.SendAsync(HostEndpointTests.Get($"{Endpoint}?user_id={userId}", withKey: true), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("data")[0].Clone();
    }
}
