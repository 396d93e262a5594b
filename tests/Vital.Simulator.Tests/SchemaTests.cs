using System.Net;
using System.Text.Json.Nodes;

namespace Vital.Simulator.Tests;

/// <summary>Every answer body validates against the upstream's own OpenAPI schema.</summary>
public sealed class SchemaTests
{
    /// <summary>Users that show values the spec does not list, on purpose (its enums are non-exhaustive).</summary>
    private static readonly string[] DeliberatelyUnknown =
        [ScenarioNames.UnknownStatus, ScenarioNames.UnknownProvider, ScenarioNames.UnknownResource, ScenarioNames.LegacyError];

    [Fact]
    public async Task AllPages_TeamOf200_ValidateAgainstUpstreamSchema()
    {
        var schema = UpstreamSchema.Load();
        using var kit = new SimulatorTestKit(users: 200);
        var unknownIds = DeliberatelyUnknown.Select(name => kit.Team.Scenarios[name]).ToHashSet();

        var pages = await kit.WalkAsync(50);
        Assert.Equal(4, pages.Count);
        foreach (var page in pages)
        {
            AssertValid(schema.Relaxed, page.Body, "relaxed");
            AssertValid(schema.Strict, WithoutUsers(page.Body, unknownIds), "strict");
        }
    }

    [Fact]
    public async Task ProviderFilteredPages_TeamOf200_ValidateAgainstUpstreamSchema()
    {
        var schema = UpstreamSchema.Load();
        using var kit = new SimulatorTestKit(users: 200);
        var unknownIds = DeliberatelyUnknown.Select(name => kit.Team.Scenarios[name]).ToHashSet();
        foreach (var provider in new[] { "oura", "dexcom", "strava", "junction_ring" })
        {
            foreach (var page in await kit.WalkAsync(20, provider))
            {
                AssertValid(schema.Relaxed, page.Body, $"relaxed, provider={provider}");
                AssertValid(schema.Strict, WithoutUsers(page.Body, unknownIds), $"strict, provider={provider}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ScenarioTests.ScenarioNamesData), MemberType = typeof(ScenarioTests))]
    public async Task ScenarioLookup_ByUserId_ValidatesAgainstUpstreamSchema(string scenario)
    {
        var schema = UpstreamSchema.Load();
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.GetUserAsync(kit.Team.Scenarios[scenario]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertValid(schema.Relaxed, answer.Body, "relaxed");
        if (!DeliberatelyUnknown.Contains(scenario))
        {
            AssertValid(schema.Strict, answer.Body, "strict");
        }
    }

    [Theory]
    [InlineData(ScenarioNames.UnknownStatus)]
    [InlineData(ScenarioNames.UnknownProvider)]
    [InlineData(ScenarioNames.UnknownResource)]
    [InlineData(ScenarioNames.LegacyError)]
    public async Task DeliberatelyUnknownValue_StrictSchema_Rejects(string scenario)
    {
        // Shows that the strict schema really checks enums, and that these users need the relaxed one.
        var schema = UpstreamSchema.Load();
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.GetUserAsync(kit.Team.Scenarios[scenario]);

        Assert.False(UpstreamSchema.Validate(schema.Strict, answer.Body).IsValid);
    }

    [Fact]
    public async Task EmptyAnswers_UnknownUserAndEmptyTeam_ValidateAgainstUpstreamSchema()
    {
        var schema = UpstreamSchema.Load();
        using var empty = new SimulatorTestKit(users: 0);
        using var kit = new SimulatorTestKit(users: 10);

        AssertValid(schema.Strict, (await empty.GetAsync(string.Empty)).Body, "empty team");
        AssertValid(schema.Strict, (await kit.GetUserAsync(Guid.NewGuid().ToString())).Body, "unknown user");
    }

    [Fact]
    public void StrictSchema_BrokenBodies_Rejects()
    {
        var schema = UpstreamSchema.Load();
        const string valid = """{"data":[{"user_id":"7aec8422-8174-4464-a4b2-b04c5939be0d","provider":{"oura":{"pulled":{"sleep":{"status":"success","range_start":null,"range_end":null,"timeline":{"scheduled_at":"2025-11-28T10:00:01.123456+00:00"},"days_with_data":1,"release":"0.0.0-dev.cd0e262","trace_id":null,"error_details":null}},"not_pulled":[]}}}],"next":null,"next_cursor":null}""";

        Assert.True(UpstreamSchema.Validate(schema.Strict, valid).IsValid);
        Assert.False(UpstreamSchema.Validate(schema.Strict, valid.Replace("\"next\":null,", string.Empty, StringComparison.Ordinal)).IsValid);
        Assert.False(UpstreamSchema.Validate(schema.Strict, valid.Replace("2025-11-28T10:00:01.123456+00:00", "yesterday", StringComparison.Ordinal)).IsValid);
        Assert.False(UpstreamSchema.Validate(schema.Strict, valid.Replace("7aec8422-8174-4464-a4b2-b04c5939be0d", "user-1", StringComparison.Ordinal)).IsValid);
        Assert.False(UpstreamSchema.Validate(schema.Strict, valid.Replace("\"release\":\"0.0.0-dev.cd0e262\",", string.Empty, StringComparison.Ordinal)).IsValid);
    }

    /// <summary>Users whose connections or ongoing data show a value the spec does not list, on purpose.</summary>
    private static readonly string[] DeliberatelyUnknownBeyondPulls =
        [ScenarioNames.UnknownErrorType, ScenarioNames.UnknownProvider, ScenarioNames.UnknownResource];

    [Fact]
    public async Task ResourcesPages_TeamOf200_ValidateAgainstUpstreamSchema()
    {
        var (strict, relaxed) = UpstreamSchema.Load().For("UserResourcesResponse");
        using var kit = new SimulatorTestKit(users: 200);
        var unknownIds = DeliberatelyUnknownBeyondPulls.Select(name => kit.Team.Scenarios[name]).ToHashSet();

        var all = await kit.WalkResourcesAsync(50);
        var pages = all.Concat(await kit.WalkResourcesAsync(20, "apple_health_kit")).Concat(await kit.WalkResourcesAsync(20, "junction_ring")).ToList();

        Assert.Equal(4, all.Count);
        foreach (var page in pages)
        {
            AssertValid(relaxed, page.Body, "relaxed");
            AssertValid(strict, WithoutUsers(page.Body, unknownIds), "strict");
        }
    }

    [Fact]
    public async Task UserResolveAndConnections_EveryScenarioUserAndASample_ValidateAgainstUpstreamSchema()
    {
        var schema = UpstreamSchema.Load();
        var user = schema.For("ClientFacingUser");
        var connections = schema.For(UpstreamSchema.ConnectedProvidersResponse);
        using var kit = new SimulatorTestKit(users: 200);
        var sample = kit.Team.Scenarios.Values.Concat(kit.Team.UserIds.Where((_, i) => i % 7 == 0)).Distinct().ToList();
        var unknownIds = DeliberatelyUnknownBeyondPulls.Select(name => kit.Team.Scenarios[name]).ToHashSet();

        foreach (var userId in sample)
        {
            var byId = await kit.GetAccountAsync(userId);
            var byClientId = await kit.ResolveAsync(kit.Team.ClientUserIdOf(userId)!);
            var providers = await kit.GetConnectionsAsync(userId);

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [byId.Status, byClientId.Status, providers.Status]);
            AssertValid(user.Strict, byId.Body, $"user {userId}");
            AssertValid(user.Strict, byClientId.Body, $"resolve {userId}");
            AssertValid(connections.Relaxed, providers.Body, $"connections {userId}, relaxed");
            if (!unknownIds.Contains(userId))
            {
                AssertValid(connections.Strict, providers.Body, $"connections {userId}, strict");
            }
        }
    }

    [Fact]
    public async Task DeliberatelyUnknownValue_ConnectionsAndResources_StrictSchemaRejects()
    {
        var schema = UpstreamSchema.Load();
        using var kit = new SimulatorTestKit(users: 200);

        var errorType = await kit.GetConnectionsAsync(kit.Team.Scenarios[ScenarioNames.UnknownErrorType]);
        var resource = await kit.GetConnectionsAsync(kit.Team.Scenarios[ScenarioNames.UnknownResource]);
        var provider = await kit.GetResourcesAsync($"user_id={kit.Team.Scenarios[ScenarioNames.UnknownProvider]}");

        Assert.False(UpstreamSchema.Validate(schema.For(UpstreamSchema.ConnectedProvidersResponse).Strict, errorType.Body).IsValid);
        Assert.False(UpstreamSchema.Validate(schema.For(UpstreamSchema.ConnectedProvidersResponse).Strict, resource.Body).IsValid);
        Assert.False(UpstreamSchema.Validate(schema.For("UserResourcesResponse").Strict, provider.Body).IsValid);
    }

    [Fact]
    public async Task RefreshAnswers_200_400_429_422_ValidateAgainstUpstreamSchema()
    {
        var schema = UpstreamSchema.Load();
        using var kit = new SimulatorTestKit(users: 200);
        var healthy = kit.Team.Scenarios[ScenarioNames.Healthy];

        var refreshed = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.ManyResources]);
        var failed = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.RevokedToken]);
        var noConnections = await kit.RefreshAsync(kit.Team.Scenarios[ScenarioNames.NoConnections]);
        for (var i = 0; i < VitalSimulator.RefreshesPerHour; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await kit.RefreshAsync(healthy)).Status);
        }

        var limited = await kit.RefreshAsync(healthy);
        var invalid = await kit.RefreshAsync("nope", "timeout=2");
        var unknown = await kit.RefreshAsync("7aec8422-8174-4464-a4b2-b04c5939be0d");

        AssertValid(schema.For("UserRefreshSuccessResponse").Strict, refreshed.Body, "200");
        AssertValid(schema.For("UserRefreshSuccessResponse").Strict, failed.Body, "200 with failed sources");
        Assert.Equal(HttpStatusCode.BadRequest, noConnections.Status);
        AssertValid(schema.For("UserRefreshErrorResponse").Strict, noConnections.Body, "400");
        Assert.False(UpstreamSchema.Validate(schema.For("UserRefreshSuccessResponse").Strict, noConnections.Body).IsValid);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        foreach (var (answer, what) in new[] { (limited, "429"), (invalid, "422"), (unknown, "404") })
        {
            // The spec has no schema for 429 and 404; FastAPI answers them with its HTTPException shape.
            AssertValid(schema.For("HTTPValidationError").Strict, answer.Body, what);
            Assert.True(answer.Json.TryGetProperty("detail", out _), what);
        }
    }

    [Fact]
    public async Task ErrorAnswers_UserAndConnections_ValidateAgainstUpstreamSchema()
    {
        var validation = UpstreamSchema.Load().For("HTTPValidationError").Strict;
        using var kit = new SimulatorTestKit(users: 20);

        foreach (var answer in new[]
        {
            await kit.GetAccountAsync("nope"), await kit.GetConnectionsAsync("nope"), await kit.GetResourcesAsync("user_limit=0"),
            await kit.GetAccountAsync("7aec8422-8174-4464-a4b2-b04c5939be0d"), await kit.ResolveAsync("nobody"),
        })
        {
            Assert.True(answer.Status is HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound);
            AssertValid(validation, answer.Body, answer.Status.ToString());
        }
    }

    [Theory]
    [InlineData("introspect-resources.written.json", "UserResourcesResponse")]
    [InlineData("user-providers.written.json", UpstreamSchema.ConnectedProvidersResponse)]
    [InlineData("user-refresh.official.json", "UserRefreshSuccessResponse")]
    [InlineData("user-refresh-400.official.json", "UserRefreshErrorResponse")]
    public void VitalsPayloads_OfTheOtherEndpoints_ValidateAgainstTheSchemasTheseTestsUse(string file, string name)
    {
        // Shows the wrapped schemas read the payloads as the contract does (so a simulator answer that fails them is wrong).
        var schema = UpstreamSchema.Load().For(name);

        AssertValid(schema.Strict, File.ReadAllText(SharedMaterial.RequireFile("vital/endpoints/" + file)), file);
    }

    [Fact]
    public void VitalsUserExample_SourceWithoutProvider_StrictSchemaRejects()
    {
        // The spec's own example carries connected_sources[].source without provider, which its schema requires.
        var schema = UpstreamSchema.Load().For("ClientFacingUser");

        Assert.False(UpstreamSchema.Validate(schema.Strict, File.ReadAllText(SharedMaterial.RequireFile("vital/endpoints/user.official.json"))).IsValid);
    }

    private static void AssertValid(Json.Schema.JsonSchema schema, string body, string what)
    {
        var (isValid, errors) = UpstreamSchema.Validate(schema, body);
        Assert.True(isValid, $"{what}: {errors}");
    }

    private static string WithoutUsers(string body, HashSet<string> userIds)
    {
        var root = JsonNode.Parse(body)!;
        var data = root["data"]!.AsArray();
        foreach (var user in data.Where(u => userIds.Contains(u!["user_id"]!.GetValue<string>())).ToList())
        {
            data.Remove(user);
        }

        return root.ToJsonString();
    }
}
