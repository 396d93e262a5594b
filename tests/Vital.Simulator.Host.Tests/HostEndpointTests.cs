using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Vital.Simulator.Host.Tests;

/// <summary>The HTTP host answers exactly what the in-process handler answers.</summary>
public sealed class HostEndpointTests
{
    private const string Endpoint = "/v2/introspect/historical_pull";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Endpoint_SameSeedAndTime_AnswersLikeTheInProcessHandler()
    {
        var time = new FakeTimeProvider(SimulatorHost.Now);
        await using var factory = SimulatorHost.Create(time);
        using var http = factory.CreateClient();
        using var inProcess = new HttpClient(new VitalSimulatorHandler(SimulatorHost.InProcess(time))) { BaseAddress = new Uri("http://localhost/") };
        var scenarios = factory.Services.GetRequiredService<VitalSimulator>().Team.Scenarios;

        var queries = new List<string>
        {
            "user_limit=50", "user_limit=7&provider=oura", "user_id=not-a-uuid", "user_limit=0&provider=nope",
            "next_cursor=garbage", "user_id=7aec8422-8174-4464-a4b2-b04c5939be0d", "provider=quest",
        };
        queries.AddRange(scenarios.Values.Select(id => $"user_id={id}"));

        foreach (var query in queries)
        {
            await AssertSameAsync(http, inProcess, $"{Endpoint}?{query}", withKey: true);
        }

        string? cursor = null;
        do
        {
            var path = $"{Endpoint}?user_limit=50" + (cursor is null ? string.Empty : $"&next_cursor={cursor}");
            var body = await AssertSameAsync(http, inProcess, path, withKey: true);
            cursor = JsonDocument.Parse(body).RootElement.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        await AssertSameAsync(http, inProcess, Endpoint, withKey: false);
        await AssertSameAsync(http, inProcess, "/v2/introspect/resources", withKey: true);
    }

    [Fact]
    public async Task WholeDiagnosisEndpoints_SameSeedAndTime_AnswerLikeTheInProcessHandler()
    {
        var time = new FakeTimeProvider(SimulatorHost.Now);
        await using var factory = SimulatorHost.CreateOnKestrel(time);
        using var http = factory.CreateClient();
        using var inProcess = new HttpClient(new VitalSimulatorHandler(SimulatorHost.InProcess(time))) { BaseAddress = new Uri("http://localhost/") };
        var team = factory.Services.GetRequiredService<VitalSimulator>().Team;

        var requests = new List<(HttpMethod Method, string Path)>
        {
            (HttpMethod.Get, "/v2/user/7aec8422-8174-4464-a4b2-b04c5939be0d"),
            (HttpMethod.Get, "/v2/user/not-a-uuid"),
            (HttpMethod.Get, "/v2/user/providers/not-a-uuid"),
            (HttpMethod.Get, "/v2/user/resolve/nobody%20here"),
            (HttpMethod.Get, "/v2/introspect/resources?provider=nope&user_limit=0"),
            (HttpMethod.Get, "/v2/introspect/resources?next_cursor=garbage"),
            (HttpMethod.Post, $"/v2/user/refresh/{team.Scenarios[ScenarioNames.Healthy]}?timeout=20"),
            (HttpMethod.Post, $"/v2/user/refresh/{team.Scenarios[ScenarioNames.NoConnections]}"),
            (HttpMethod.Post, "/v2/user/refresh/nope?timeout=1"),
            (HttpMethod.Get, $"/v2/user/refresh/{team.Scenarios[ScenarioNames.Healthy]}"),
            (HttpMethod.Post, $"/v2/user/{team.Scenarios[ScenarioNames.Healthy]}"),
        };
        foreach (var userId in team.Scenarios.Values)
        {
            requests.Add((HttpMethod.Get, $"/v2/user/{userId}"));
            requests.Add((HttpMethod.Get, $"/v2/user/providers/{userId}"));
            requests.Add((HttpMethod.Get, $"/v2/introspect/resources?user_id={userId}"));
            requests.Add((HttpMethod.Get, "/v2/user/resolve/" + Uri.EscapeDataString(team.ClientUserIdOf(userId)!)));
        }

        foreach (var (method, path) in requests)
        {
            await AssertSameAsync(http, inProcess, path, withKey: true, method);
        }

        string? cursor = null;
        do
        {
            var body = await AssertSameAsync(http, inProcess, "/v2/introspect/resources?user_limit=50" + (cursor is null ? string.Empty : $"&next_cursor={cursor}"), withKey: true);
            cursor = JsonDocument.Parse(body).RootElement.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
    }

    [Fact]
    public async Task Resolve_EveryOddClientUserIdOverHttp_FindsItsUserDecodedExactlyOnce()
    {
        await using var factory = SimulatorHost.CreateOnKestrel(new FakeTimeProvider(SimulatorHost.Now), users: 2000);
        using var http = factory.CreateClient();
        var team = factory.Services.GetRequiredService<VitalSimulator>().Team;
        var clientIds = team.OddClientUserIds
            .Concat(new[] { ScenarioNames.ClientIdUuidShaped, ScenarioNames.ClientIdWithSpaceAndPercent }.Select(s => KeyValuePair.Create(team.Scenarios[s], team.ClientUserIdOf(team.Scenarios[s])!)))
            .ToList();
        Assert.Contains(clientIds, p => p.Value.Contains("%20", StringComparison.Ordinal));

        foreach (var (userId, clientUserId) in clientIds)
        {
            using var response = await http.SendAsync(Get("/v2/user/resolve/" + Uri.EscapeDataString(clientUserId), withKey: true), Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{clientUserId}: {response.StatusCode} {body}");
            Assert.Equal(userId, JsonDocument.Parse(body).RootElement.GetProperty("user_id").GetString());
        }

        var percent = clientIds.First(p => p.Value.Contains("%20", StringComparison.Ordinal)).Value;
        using var decodedTwice = await http.SendAsync(Get("/v2/user/resolve/" + Uri.EscapeDataString(Uri.UnescapeDataString(percent)), withKey: true), Ct);
        Assert.Equal(HttpStatusCode.NotFound, decodedTwice.StatusCode);
    }

    [Fact]
    public async Task Endpoint_RateLimitFault_SendsTheSameRetryAfterAsTheHandler()
    {
        var time = new FakeTimeProvider(SimulatorHost.Now);
        await using var factory = SimulatorHost.Create(time, settings: new()
        {
            ["Simulator:Faults:RateLimitRate"] = "1",
            ["Simulator:Faults:RetryAfterSeconds"] = "4",
        });
        using var http = factory.CreateClient();
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 120, Seed = 3, Faults = new() { RateLimitRate = 1, RetryAfterSeconds = 4 } }, time);
        using var inProcess = new HttpClient(new VitalSimulatorHandler(simulator)) { BaseAddress = new Uri("http://localhost/") };

        await AssertSameAsync(http, inProcess, Endpoint, withKey: true);
        using var response = await http.SendAsync(Get(Endpoint, withKey: true), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Healthz_Always_Is200()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now));
        using var http = factory.CreateClient();

        using var response = await http.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Host_Settings_ConfigureTheTeam()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now), users: 77, seed: 9,
            settings: new() { ["Simulator:Faults:LatencyMs"] = "0", ["Simulator:LastPageCursor"] = "None" });

        var simulator = factory.Services.GetRequiredService<VitalSimulator>();

        Assert.Equal(77, simulator.Team.Count);
        Assert.Equal(9, simulator.Team.Seed);
        Assert.Equal(SimulatorHost.Now, simulator.Team.Epoch);
        using var http = factory.CreateClient();
        using var response = await http.SendAsync(Get($"{Endpoint}?user_limit=50&next_cursor=", withKey: true), Ct);
        using var lastPage = await http.SendAsync(Get($"{Endpoint}?user_id={simulator.Team.UserIds[0]}", withKey: true), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("None", JsonDocument.Parse(await lastPage.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("next_cursor").GetString());
    }

    [Fact]
    public async Task Host_InvalidSettings_RefusesToStartNamingTheKey()
    {
        await using var factory = SimulatorHost.Create(new FakeTimeProvider(SimulatorHost.Now), users: -5);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Simulator:Users must be between 0 and 1000000", error.ToString(), StringComparison.Ordinal);
    }

    internal static HttpRequestMessage Get(string path, bool withKey) => Request(HttpMethod.Get, path, withKey);

    internal static HttpRequestMessage Request(HttpMethod method, string path, bool withKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (withKey)
        {
            request.Headers.Add("x-vital-api-key", "sk_us_test");
        }

        return request;
    }

    private static async Task<string> AssertSameAsync(HttpClient http, HttpClient inProcess, string path, bool withKey, HttpMethod? method = null)
    {
        using var overHttp = await http.SendAsync(Request(method ?? HttpMethod.Get, path, withKey), Ct);
        using var direct = await inProcess.SendAsync(Request(method ?? HttpMethod.Get, path, withKey), Ct);
        var httpBody = await overHttp.Content.ReadAsStringAsync(Ct);
        var directBody = await direct.Content.ReadAsStringAsync(Ct);

        Assert.Equal(direct.StatusCode, overHttp.StatusCode);
        Assert.Equal(direct.Content.Headers.ContentType?.ToString(), overHttp.Content.Headers.ContentType?.ToString());
        Assert.Equal(direct.Content.Headers.ContentLength, overHttp.Content.Headers.ContentLength);
        Assert.Equal(direct.Headers.RetryAfter?.ToString(), overHttp.Headers.RetryAfter?.ToString());
        Assert.Equal(direct.Content.Headers.Allow, overHttp.Content.Headers.Allow);
        Assert.Equal(directBody, httpBody);
        return httpBody;
    }
}
