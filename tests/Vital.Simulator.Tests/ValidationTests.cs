using System.Net;
using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary>Authentication, FastAPI-shaped 422s, and lookups of users the team does not hold.</summary>
public sealed class ValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Request_WithoutApiKey_Is401WithDetail(string? key)
    {
        using var kit = new SimulatorTestKit(users: 20);
        using var client = SimulatorTestKit.CreateClient(kit.Simulator, apiKey: key);

        using var response = await client.GetAsync(SimulatorTestKit.Endpoint, Ct);
        var answer = await Answer.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("detail").ValueKind);
    }

    [Fact]
    public async Task Request_WithoutApiKeyWhenNotRequired_Is200()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.RequireApiKey = false);
        using var client = SimulatorTestKit.CreateClient(kit.Simulator, apiKey: null);

        using var response = await client.GetAsync(SimulatorTestKit.Endpoint, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-uuid", "invalid character")]
    [InlineData("1234", "invalid length")]
    [InlineData("7aec8422-8174-4464-a4b2", "invalid group count")]
    [InlineData("7aec8422-8174-4464-a4b2-b04c5939be0", "invalid group length in group 4")]
    [InlineData("", "invalid length")]
    public async Task UserId_NotAUuid_Is422UuidParsing(string userId, string problem)
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetAsync($"user_id={Uri.EscapeDataString(userId)}");

        var error = AssertSingleError(answer, "user_id", "uuid_parsing");
        Assert.StartsWith("Input should be a valid UUID, " + problem, error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(userId, error.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Provider_NotASlug_Is422Enum()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetAsync("provider=fitbitt");

        var error = AssertSingleError(answer, "provider", "enum");
        Assert.StartsWith("Input should be 'oura', 'fitbit', ", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal("fitbitt", error.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Provider_NewSlugPresentInTeam_IsAccepted()
    {
        using var big = new SimulatorTestKit(users: 200);
        using var small = new SimulatorTestKit(users: 10); // too small to hold the unknown_provider user

        var present = await big.GetAsync("provider=junction_ring");
        var absent = await small.GetAsync("provider=junction_ring");

        Assert.Equal([big.Team.Scenarios[ScenarioNames.UnknownProvider]], present.UserIds);
        AssertSingleError(absent, "provider", "enum");
    }

    [Fact]
    public async Task Provider_LabSlugFromTheSpec_IsAnEmptyPage()
    {
        using var kit = new SimulatorTestKit(users: 50);

        var answer = await kit.GetAsync("provider=quest");

        Assert.Equal("""{"data":[],"next":null,"next_cursor":null}""", answer.Body);
    }

    [Theory]
    [InlineData("0", "greater_than_equal")]
    [InlineData("-3", "greater_than_equal")]
    [InlineData("abc", "int_parsing")]
    [InlineData("1.5", "int_parsing")]
    [InlineData("", "int_parsing")]
    public async Task UserLimit_BelowOneOrNotAnInteger_Is422(string limit, string type)
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetAsync($"user_limit={limit}");

        var error = AssertSingleError(answer, "user_limit", type);
        Assert.Equal(limit, error.GetProperty("input").GetString());
    }

    [Fact]
    public async Task SeveralBadParameters_AllReportedInOneAnswer()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetAsync("user_id=x&provider=nope&user_limit=0");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        var locations = answer.Json.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("loc")[1].GetString());
        Assert.Equal(["user_id", "provider", "user_limit"], locations);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("abc")]
    [InlineData("None")]
    public async Task NextCursor_Garbled_Is422(string cursor)
    {
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.GetAsync($"next_cursor={Uri.EscapeDataString(cursor)}");

        AssertSingleError(answer, "next_cursor", "value_error");
    }

    [Fact]
    public async Task NextCursor_Forged_Is422()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var cursor = (await kit.GetAsync("user_limit=5")).NextCursor!;
        var forged = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];

        var answer = await kit.GetAsync($"user_limit=5&next_cursor={forged}");

        AssertSingleError(answer, "next_cursor", "value_error");
    }

    [Fact]
    public async Task NextCursor_FromAnotherSeedOrFilter_Is422()
    {
        using var kit = new SimulatorTestKit(users: 200, seed: 1);
        using var other = new SimulatorTestKit(users: 200, seed: 2);
        var ouraCursor = (await kit.GetAsync("user_limit=5&provider=oura")).NextCursor!;
        var otherCursor = (await other.GetAsync("user_limit=5")).NextCursor!;

        AssertSingleError(await kit.GetAsync($"user_limit=5&next_cursor={ouraCursor}"), "next_cursor", "value_error");
        AssertSingleError(await kit.GetAsync($"user_limit=5&provider=fitbit&next_cursor={ouraCursor}"), "next_cursor", "value_error");
        AssertSingleError(await kit.GetAsync($"user_limit=5&next_cursor={otherCursor}"), "next_cursor", "value_error");
        Assert.Equal(HttpStatusCode.OK, (await kit.GetAsync($"user_limit=5&provider=oura&next_cursor={ouraCursor}")).Status);
    }

    [Fact]
    public async Task UserId_ValidButUnknown_IsEmptyData()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetUserAsync("7aec8422-8174-4464-a4b2-b04c5939be0d");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"data":[],"next":null,"next_cursor":null}""", answer.Body);
    }

    [Fact]
    public async Task UserId_OtherSpellingsOfTheSameUuid_FindTheUser()
    {
        using var kit = new SimulatorTestKit(users: 20);
        var id = kit.Team.Scenarios[ScenarioNames.Healthy];
        var canonical = await kit.GetUserAsync(id);

        foreach (var spelling in new[] { id.ToUpperInvariant(), id.Replace("-", string.Empty, StringComparison.Ordinal), "{" + id + "}", "urn:uuid:" + id })
        {
            Assert.Equal(canonical.Body, (await kit.GetUserAsync(spelling)).Body);
        }
    }

    [Fact]
    public async Task UserId_WithProviderFilter_ShowsOnlyThatProvider()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var id = kit.Team.Scenarios[ScenarioNames.Healthy]; // oura and fitbit

        var oura = await kit.GetUserElementAsync(id, "oura");
        var strava = await kit.GetUserElementAsync(id, "strava");

        Assert.Equal(["oura"], oura!.Value.GetProperty("provider").EnumerateObject().Select(p => p.Name));
        Assert.Null(strava);
    }

    [Fact]
    public async Task OtherPathOrMethod_AnswersLikeFastApi()
    {
        using var kit = new SimulatorTestKit(users: 20);

        using var notFound = await kit.Client.GetAsync("v2/introspect/devices", Ct);
        using var post = await kit.Client.PostAsync(SimulatorTestKit.Endpoint, null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("""{"detail":"Not Found"}""", await notFound.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains("GET", post.Content.Headers.Allow);
    }

    private static JsonElement AssertSingleError(Answer answer, string parameter, string type)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        var detail = answer.Json.GetProperty("detail");
        Assert.Equal(1, detail.GetArrayLength());
        var error = detail[0];
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(["query", parameter], error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("msg").GetString()));
        return error.Clone();
    }
}
