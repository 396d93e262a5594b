using System.Net;
using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary><c>GET /v2/user/{user_id}</c> and <c>GET /v2/user/resolve/{client_user_id}</c>: one user object, by either id.</summary>
public sealed class UserEndpointTests
{
    [Fact]
    public async Task User_EveryUserOfTheTeam_IsItsObjectWithTheTeamsIdAndItsConnections()
    {
        using var kit = new SimulatorTestKit(users: 200);

        foreach (var userId in kit.Team.UserIds)
        {
            var answer = await kit.GetAccountAsync(userId);

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("application/json", answer.ContentType);
            var user = answer.Json;
            Assert.Equal(userId, user.GetProperty("user_id").GetString());
            Assert.Equal(kit.Team.TeamId, user.GetProperty("team_id").GetString());
            Assert.Equal(kit.Team.ClientUserIdOf(userId), user.GetProperty("client_user_id").GetString());
            var sources = user.GetProperty("connected_sources").EnumerateArray().ToList();
            Assert.Equal(kit.Team.ProvidersOf(userId), sources.Select(s => s.GetProperty("provider").GetProperty("slug").GetString()));
            Assert.All(sources, s => Assert.Equal(s.GetProperty("provider").GetRawText(), s.GetProperty("source").GetRawText()));
            var createdOn = Time(user.GetProperty("created_on"));
            Assert.All(sources, s => Assert.InRange(Time(s.GetProperty("created_on")), createdOn, SimulatorTestKit.Now));
            Assert.True(user.TryGetProperty("fallback_time_zone", out _) && user.TryGetProperty("ingestion_start", out _) && user.TryGetProperty("ingestion_end", out _));
        }
    }

    [Fact]
    public async Task User_TeamId_IsOnePerSeed()
    {
        using var one = new SimulatorTestKit(users: 20, seed: 1);
        using var again = new SimulatorTestKit(users: 500, seed: 1);
        using var other = new SimulatorTestKit(users: 20, seed: 2);

        Assert.True(Guid.TryParseExact(one.Team.TeamId, "D", out _));
        Assert.Equal(one.Team.TeamId, again.Team.TeamId);
        Assert.NotEqual(one.Team.TeamId, other.Team.TeamId);
        Assert.DoesNotContain(one.Team.TeamId, one.Team.UserIds);
        Assert.Equal(one.Team.TeamId, (await one.GetAccountAsync(one.Team.UserIds[3])).Json.GetProperty("team_id").GetString());
    }

    [Fact]
    public async Task User_UnknownId_Is404WithDetail()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetAccountAsync("7aec8422-8174-4464-a4b2-b04c5939be0d");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("detail").ValueKind);
    }

    [Theory]
    [InlineData("not-a-uuid", "invalid character")]
    [InlineData("1234", "invalid length")]
    [InlineData("7aec8422-8174-4464-a4b2-b04c5939be0", "invalid group length in group 4")]
    public async Task User_NotAUuid_Is422OnThePath(string userId, string problem)
    {
        using var kit = new SimulatorTestKit(users: 20);

        var answer = await kit.GetAccountAsync(userId);

        var error = AssertPathError(answer, "user_id", "uuid_parsing");
        Assert.StartsWith("Input should be a valid UUID, " + problem, error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(userId, error.GetProperty("input").GetString());
    }

    [Fact]
    public async Task User_OtherSpellingsOfTheSameUuid_FindTheUser()
    {
        using var kit = new SimulatorTestKit(users: 20);
        var id = kit.Team.UserIds[4];
        var canonical = await kit.GetAccountAsync(id);

        foreach (var spelling in new[] { id.ToUpperInvariant(), id.Replace("-", string.Empty, StringComparison.Ordinal), "urn:uuid:" + id })
        {
            Assert.Equal(canonical.Body, (await kit.GetAccountAsync(spelling)).Body);
        }
    }

    [Fact]
    public async Task Resolve_EveryUsersClientUserId_FindsThatUser()
    {
        using var kit = new SimulatorTestKit(users: 200);

        foreach (var userId in kit.Team.UserIds)
        {
            var clientUserId = kit.Team.ClientUserIdOf(userId)!;
            var answer = await kit.ResolveAsync(clientUserId);

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal((await kit.GetAccountAsync(userId)).Body, answer.Body);
        }
    }

    [Fact]
    public async Task Resolve_EveryOddClientUserIdOfALargeTeam_RoundTripsThroughTheUrl()
    {
        using var kit = new SimulatorTestKit(users: 5000);
        var odd = kit.Team.OddClientUserIds.ToList();

        // The team holds every kind a URL path must escape.
        Assert.Contains(odd, p => p.Value.Contains('/', StringComparison.Ordinal));
        Assert.Contains(odd, p => p.Value.Contains('?', StringComparison.Ordinal));
        Assert.Contains(odd, p => p.Value.Contains('%', StringComparison.Ordinal));
        Assert.Contains(odd, p => p.Value.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(odd, p => p.Value.Any(c => c > 127));
        foreach (var (userId, clientUserId) in odd)
        {
            var answer = await kit.ResolveAsync(clientUserId);

            Assert.True(answer.Status == HttpStatusCode.OK, $"{clientUserId}: {answer.Status}");
            Assert.Equal(userId, answer.Json.GetProperty("user_id").GetString());
            Assert.Equal(clientUserId, answer.Json.GetProperty("client_user_id").GetString());
        }
    }

    [Theory]
    [InlineData(ScenarioNames.ClientIdWithSlash)]
    [InlineData(ScenarioNames.ClientIdNonAscii)]
    [InlineData(ScenarioNames.ClientIdUuidShaped)]
    [InlineData(ScenarioNames.ClientIdWithSpaceAndPercent)]
    public async Task Resolve_ClientIdScenario_EncodedOnce_FindsItsUser(string scenario)
    {
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[scenario];
        var clientUserId = kit.Team.ClientUserIdOf(userId)!;

        var answer = await kit.ResolveAsync(clientUserId);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(userId, answer.Json.GetProperty("user_id").GetString());
        Assert.Equal(clientUserId, answer.Json.GetProperty("client_user_id").GetString());
        Assert.Equal(userId, kit.Team.UserIdOfClientUserId(clientUserId));
    }

    [Fact]
    public void ClientIdScenarios_ClientUserIds_HaveTheirShapes()
    {
        using var kit = new SimulatorTestKit(users: 200);
        string Of(string scenario) => kit.Team.ClientUserIdOf(kit.Team.Scenarios[scenario])!;

        Assert.Contains('/', Of(ScenarioNames.ClientIdWithSlash));
        Assert.Contains(Of(ScenarioNames.ClientIdNonAscii), c => c > 127);
        Assert.Contains(' ', Of(ScenarioNames.ClientIdWithSpaceAndPercent));
        Assert.Contains('%', Of(ScenarioNames.ClientIdWithSpaceAndPercent));
        var uuidShaped = Of(ScenarioNames.ClientIdUuidShaped);
        Assert.True(Guid.TryParseExact(uuidShaped, "D", out _), uuidShaped);
        Assert.NotEqual(kit.Team.Scenarios[ScenarioNames.ClientIdUuidShaped], uuidShaped);
        Assert.DoesNotContain(uuidShaped, kit.Team.UserIds);
        Assert.All(ScenarioNames.All.Where(n => n.StartsWith("client_id_", StringComparison.Ordinal) && n != ScenarioNames.ClientIdUuidShaped),
            n => Assert.True(SimulatedTeam.IsOddClientUserId(Of(n)), n));
    }

    [Fact]
    public async Task Resolve_ClientUserIdWithAPercentSequence_IsDecodedExactlyOnce()
    {
        // "100% promo%20code? N": a server that decodes twice looks for "100% promo code? N"; one that does not decode
        // looks for the encoded text. Neither is a user.
        using var kit = new SimulatorTestKit(users: 200);
        var userId = kit.Team.Scenarios[ScenarioNames.ClientIdWithSpaceAndPercent];
        var clientUserId = kit.Team.ClientUserIdOf(userId)!;
        Assert.Contains("%20", clientUserId, StringComparison.Ordinal);

        var once = await kit.ResolveAsync(clientUserId);
        var decodedTwice = await kit.ResolveAsync(Uri.UnescapeDataString(clientUserId));
        var encodedTwice = await kit.ResolveAsync(Uri.EscapeDataString(clientUserId));

        Assert.Equal(userId, once.Json.GetProperty("user_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, decodedTwice.Status);
        Assert.Equal(HttpStatusCode.NotFound, encodedTwice.Status);
    }

    [Fact]
    public async Task Resolve_UnknownOrOtherCaseOrVitalId_Is404WithDetail()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var healthy = kit.Team.Scenarios[ScenarioNames.Healthy];
        var clientUserId = kit.Team.ClientUserIdOf(healthy)!;

        foreach (var unknown in new[] { "nobody-here", clientUserId.ToUpperInvariant(), clientUserId + "0", healthy, "cust-" })
        {
            var answer = await kit.ResolveAsync(unknown);

            Assert.True(answer.Status == HttpStatusCode.NotFound, unknown);
            Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("detail").ValueKind);
        }
    }

    [Fact]
    public void ClientUserIds_TeamOf20000_AreUniqueMostlyOrdinaryAndSomeUuidShaped()
    {
        using var kit = new SimulatorTestKit(users: 20_000);

        var ids = kit.Team.UserIds.Select(kit.Team.ClientUserIdOf).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(ids.Count(id => SimulatedTeam.IsOddClientUserId(id!)), 400, 2000);
        Assert.InRange(ids.Count(id => Guid.TryParseExact(id, "D", out _)), 1000, 3000);
        Assert.InRange(ids.Count(id => id!.StartsWith("cust-", StringComparison.Ordinal)), 6000, 10_000);
        Assert.Empty(ids.Intersect(kit.Team.UserIds));
    }

    [Theory]
    [InlineData(24)]
    [InlineData(32)]
    public void ClientUserIds_Permutation_IsInvertibleForEveryPositionUpToMaxUsers(int bits)
    {
        const uint key = 0x00AB_CDEF;

        for (var position = 0u; position <= SimulatorOptionsValidator.MaxUsers; position++)
        {
            var number = ClientUserIds.Permute(position, bits, key);
            if (ClientUserIds.Unpermute(number, bits, key) != position || (bits == 24 && number >= 1u << 24))
            {
                Assert.Fail($"position {position} ({bits} bits): {number}");
            }
        }
    }

    private static DateTimeOffset Time(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    internal static JsonElement AssertPathError(Answer answer, string parameter, string type)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        var error = Assert.Single(answer.Json.GetProperty("detail").EnumerateArray());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(["path", parameter], error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        return error.Clone();
    }
}
