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
