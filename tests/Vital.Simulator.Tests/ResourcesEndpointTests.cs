using System.Net;

namespace Vital.Simulator.Tests;

/// <summary><c>GET /v2/introspect/resources</c>: the ongoing data, listed and paged like the historical pulls.</summary>
public sealed class ResourcesEndpointTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(50)]
    public async Task Resources_AllPages_ListEveryUserWithConnectionsExactlyOnceInOrder(int userLimit)
    {
        using var kit = new SimulatorTestKit(users: 200);

        var pages = await kit.WalkResourcesAsync(userLimit);

        Assert.Equal(kit.Team.UsersWithConnections, pages.SelectMany(p => p.UserIds));
        Assert.All(pages, p => Assert.InRange(p.UserIds.Count, 0, userLimit));
        Assert.Equal((200 + userLimit - 1) / userLimit, pages.Count);
        Assert.Null(pages[^1].NextCursor);
    }

    [Theory]
    [InlineData("oura")]
    [InlineData("apple_health_kit")]
    [InlineData("abbott_libreview")]
    [InlineData("junction_ring")]
    public async Task Resources_ProviderFilter_ListsEveryConnectedUserOnceWithOnlyThatProvider(string provider)
    {
        using var kit = new SimulatorTestKit(users: 500);

        var pages = await kit.WalkResourcesAsync(20, provider);
        var users = pages.SelectMany(p => p.Json.GetProperty("data").EnumerateArray()).ToList();

        Assert.Equal(kit.Team.UserIds.Where(id => kit.Team.ProvidersOf(id).Contains(provider)), users.Select(u => u.GetProperty("user_id").GetString()));
        Assert.NotEmpty(users);
        Assert.All(users, u => Assert.Equal([provider], u.GetProperty("provider").EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Resources_ByUserId_IsThatUsersEntryOfTheListing()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var listed = (await kit.WalkResourcesAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray())
            .ToDictionary(u => u.GetProperty("user_id").GetString()!, u => u.GetRawText());

        foreach (var userId in kit.Team.UserIds)
        {
            var answer = await kit.GetResourcesAsync($"user_id={userId}");

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal(listed.TryGetValue(userId, out var entry) ? [entry] : [], answer.Json.GetProperty("data").EnumerateArray().Select(u => u.GetRawText()));
        }

        Assert.Equal("""{"data":[],"next":null,"next_cursor":null}""", (await kit.GetResourcesAsync("user_id=7aec8422-8174-4464-a4b2-b04c5939be0d")).Body);
        Assert.Equal("""{"data":[],"next":null,"next_cursor":null}""", (await kit.GetResourcesAsync($"user_id={kit.Team.Scenarios[ScenarioNames.NoConnections]}")).Body);
    }

    [Fact]
    public async Task Resources_UserWithPulls_ReportsThePulledResourcesOfEachConnection()
    {
        using var kit = new SimulatorTestKit(users: 200);

        foreach (var userId in kit.Team.UserIds.Where(kit.Team.HasPulls))
        {
            var pulled = PullRow.Of((await kit.GetUserElementAsync(userId))!.Value).Select(r => (r.Provider, r.Resource)).ToList();
            var data = (await kit.GetResourcesAsync($"user_id={userId}")).Json.GetProperty("data")[0];
            var reported = ResourceRow.Of(data).Select(r => (r.Provider, r.Resource)).ToList();

            Assert.All(pulled, p => Assert.Contains(p, reported));
            Assert.All(reported.Where(r => !pulled.Contains(r)), r => Assert.DoesNotContain(pulled, p => p.Provider == r.Provider));
        }
    }

    [Fact]
    public async Task Resources_EveryTimestamp_IsOrderedAndNotAfterNow()
    {
        using var kit = new SimulatorTestKit(users: 500);

        var rows = (await kit.WalkResourcesAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray()).SelectMany(ResourceRow.Of).ToList();

        Assert.All(rows, r =>
        {
            Assert.True(r.NewestData is null || r.NewestData <= SimulatorTestKit.Now, $"{r.Provider}/{r.Resource} newest {r.NewestData}");
            Assert.True(r.LastAttemptAt is null || r.LastAttemptAt <= SimulatorTestKit.Now, $"{r.Provider}/{r.Resource} last attempt {r.LastAttemptAt}");
            Assert.Equal(r.NewestData is null, r.OldestData is null);
            Assert.True(r.OldestData is null || r.OldestData <= r.NewestData, $"{r.Provider}/{r.Resource}");
            Assert.True(r.NewestData is null || r.SentCount > 0, $"{r.Provider}/{r.Resource} sent {r.SentCount}");
        });
        Assert.Contains(rows, r => r.LastAttemptAt is null);
        Assert.Contains(rows, r => r.LastAttemptStatus == "failure");
    }

    [Fact]
    public async Task Resources_HealthyUser_HasNewestDataWithinAFewHoursAndSuccessfulAttempts()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var data = (await kit.GetResourcesAsync($"user_id={kit.Team.Scenarios[ScenarioNames.Healthy]}")).Json.GetProperty("data")[0];
        var rows = ResourceRow.Of(data);

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.InRange(r.NewestData!.Value, SimulatorTestKit.Now.AddHours(-6), SimulatorTestKit.Now);
            Assert.Equal("success", r.LastAttemptStatus);
        });
    }

    [Fact]
    public async Task Resources_CursorOfTheHistoricalPulls_Is422AndTheOtherWayRound()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var pullsCursor = (await kit.GetAsync("user_limit=5")).NextCursor!;
        var resourcesCursor = (await kit.GetResourcesAsync("user_limit=5")).NextCursor!;

        var onResources = await kit.GetResourcesAsync($"user_limit=5&next_cursor={pullsCursor}");
        var onPulls = await kit.GetAsync($"user_limit=5&next_cursor={resourcesCursor}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, onResources.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onPulls.Status);
        Assert.Equal(HttpStatusCode.OK, (await kit.GetResourcesAsync($"user_limit=5&next_cursor={resourcesCursor}")).Status);
    }

    [Fact]
    public async Task Resources_DeprecatedCursor_IsIgnored()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var first = await kit.GetResourcesAsync("user_limit=5");
        var withCursor = await kit.GetResourcesAsync("user_limit=5&cursor=whatever");

        Assert.Equal(first.Body, withCursor.Body);
    }

    [Fact]
    public async Task Resources_BadParameters_Are422LikeTheHistoricalPulls()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var resources = await kit.GetResourcesAsync("user_id=x&provider=nope&user_limit=0");
        var pulls = await kit.GetAsync("user_id=x&provider=nope&user_limit=0");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, resources.Status);
        Assert.Equal(pulls.Body, resources.Body);
    }
}
