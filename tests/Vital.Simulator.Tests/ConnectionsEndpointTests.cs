using System.Net;
using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary><c>GET /v2/user/providers/{user_id}</c>: the user's connections, consistent with the pulls.</summary>
public sealed class ConnectionsEndpointTests
{
    private static readonly string[] SdkProviders = ["apple_health_kit", "health_connect", "samsung_health"];

    [Fact]
    public async Task Connections_EveryUser_AreTheProvidersOfItsPullsAndOfItsUserObject()
    {
        using var kit = new SimulatorTestKit(users: 200);

        foreach (var userId in kit.Team.UserIds)
        {
            var answer = await kit.GetConnectionsAsync(userId);
            var connections = ConnectionRow.Of(answer);
            var user = await kit.GetUserElementAsync(userId);
            var sources = (await kit.GetAccountAsync(userId)).Json.GetProperty("connected_sources").EnumerateArray()
                .Select(s => (s.GetProperty("provider").GetProperty("slug").GetString()!, s.GetProperty("created_on").GetString()));

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal(kit.Team.ProvidersOf(userId), connections.Select(c => c.Slug));
            Assert.Equal(sources, connections.Select(c => (c.Slug, c.Connection.GetProperty("created_on").GetString())));
            if (user is { } pulls)
            {
                Assert.Equal(pulls.GetProperty("provider").EnumerateObject().Select(p => p.Name), connections.Select(c => c.Slug));
            }
        }
    }

    [Fact]
    public async Task Connections_CreatedOn_IsJustBeforeTheirPullsWereScheduled()
    {
        using var kit = new SimulatorTestKit(users: 200);

        foreach (var userId in kit.Team.UserIds.Where(kit.Team.HasPulls))
        {
            var rows = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value);
            foreach (var connection in ConnectionRow.Of(await kit.GetConnectionsAsync(userId)))
            {
                var scheduled = rows.Where(r => r.Provider == connection.Slug).Select(r => r.Timeline("scheduled_at")!.Value).ToList();
                if (scheduled.Count > 0)
                {
                    Assert.InRange(scheduled.Min() - connection.CreatedOn, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
                }
            }
        }
    }

    [Fact]
    public async Task Connections_ExternalUserId_NullForSdkProvidersOnly()
    {
        using var kit = new SimulatorTestKit(users: 500);
        var connections = new List<ConnectionRow>();
        foreach (var userId in kit.Team.UserIds)
        {
            connections.AddRange(ConnectionRow.Of(await kit.GetConnectionsAsync(userId)));
        }

        Assert.Contains(connections, c => SdkProviders.Contains(c.Slug));
        Assert.All(connections.Where(c => SdkProviders.Contains(c.Slug)), c => Assert.Null(c.ExternalUserId));
        Assert.All(connections.Where(c => c.Slug is "oura" or "fitbit" or "garmin" or "withings" or "abbott_libreview"), c => Assert.False(string.IsNullOrEmpty(c.ExternalUserId)));
    }

    [Fact]
    public async Task Connections_ErrorDetails_ComeWithStatusErrorOnly()
    {
        using var kit = new SimulatorTestKit(users: 500);

        foreach (var userId in kit.Team.UserIds)
        {
            foreach (var connection in ConnectionRow.Of(await kit.GetConnectionsAsync(userId)))
            {
                Assert.Equal(connection.Status == "error", connection.ErrorDetails is not null);
                if (connection.ErrorDetails is { } error)
                {
                    Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error_message").GetString()));
                    var erroredAt = DateTimeOffset.Parse(error.GetProperty("errored_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.InRange(erroredAt, connection.CreatedOn, SimulatorTestKit.Now);
                }
            }
        }
    }

    [Fact]
    public async Task Connections_UnavailableResources_AreExactlyTheOnesWithDeniedScopesAndAreNotPulled()
    {
        using var kit = new SimulatorTestKit(users: 1000);
        var unavailable = 0;

        foreach (var userId in kit.Team.UserIds.Where(kit.Team.HasPulls))
        {
            var notPulled = PullRow.NotPulled((await kit.GetUserElementAsync(userId))!.Value);
            foreach (var connection in ConnectionRow.Of(await kit.GetConnectionsAsync(userId)))
            {
                foreach (var (resource, entry) in connection.Availability)
                {
                    var isUnavailable = entry.GetProperty("status").GetString() == "unavailable";
                    Assert.Equal(isUnavailable, connection.DeniedRequired(resource).Count > 0);
                    if (isUnavailable)
                    {
                        unavailable++;
                        Assert.Contains(resource, notPulled[connection.Slug]);
                    }
                }
            }
        }

        Assert.InRange(unavailable, 1, 400);
    }

    [Fact]
    public async Task Connections_ProvidersWithoutScopes_ReportEveryResourceAvailableWithoutRequirements()
    {
        using var kit = new SimulatorTestKit(users: 300);

        foreach (var userId in kit.Team.UserIds)
        {
            foreach (var connection in ConnectionRow.Of(await kit.GetConnectionsAsync(userId)).Where(c => c.Slug is "apple_health_kit" or "dexcom_v3" or "abbott_libreview"))
            {
                Assert.All(connection.Availability.Values, a =>
                {
                    Assert.Equal("available", a.GetProperty("status").GetString());
                    Assert.Equal(JsonValueKind.Null, a.GetProperty("scope_requirements").ValueKind);
                });
            }
        }
    }

    [Fact]
    public async Task Connections_UserWithoutConnections_IsAnEmptyList()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var answer = await kit.GetConnectionsAsync(kit.Team.Scenarios[ScenarioNames.NoConnections]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"providers":[]}""", answer.Body);
    }

    [Fact]
    public async Task Connections_UnknownUser_Is404AndMalformedId_Is422()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var unknown = await kit.GetConnectionsAsync("7aec8422-8174-4464-a4b2-b04c5939be0d");
        var malformed = await kit.GetConnectionsAsync("user-1");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(JsonValueKind.String, unknown.Json.GetProperty("detail").ValueKind);
        UserEndpointTests.AssertPathError(malformed, "user_id", "uuid_parsing");
    }
}
