using System.Net;

namespace Vital.Simulator.Tests;

/// <summary>Paging visits every user with pulls exactly once, in a stable order, and ends.</summary>
public sealed class PagingTests
{
    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 50)]
    [InlineData(49, 50)]
    [InlineData(50, 50)]
    [InlineData(51, 50)]
    [InlineData(10_000, 50)]
    [InlineData(0, 7)]
    [InlineData(1, 7)]
    [InlineData(49, 7)]
    [InlineData(50, 7)]
    [InlineData(51, 7)]
    [InlineData(10_000, 7)]
    public async Task Walk_AnyTeamSize_VisitsEveryUserWithPullsOnceInOrder(int users, int userLimit)
    {
        using var kit = new SimulatorTestKit(users);

        var pages = await kit.WalkAsync(userLimit);

        var listed = pages.SelectMany(p => p.UserIds).ToList();
        Assert.Equal(kit.Team.UsersWithPulls, listed);
        Assert.All(pages, p => Assert.InRange(p.UserIds.Count, 0, userLimit));
        Assert.Null(pages[^1].NextCursor);
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.NextCursor));
        Assert.Equal(Math.Max(1, (users + userLimit - 1) / userLimit), pages.Count);
    }

    [Theory]
    [InlineData(51, "oura", 7)]
    [InlineData(200, "apple_health_kit", 50)]
    [InlineData(200, "dexcom", 3)]
    [InlineData(10_000, "fitbit", 50)]
    [InlineData(10_000, "cronometer", 7)]
    public async Task Walk_ProviderFilter_VisitsEveryUserWithThatProviderOnce(int users, string provider, int userLimit)
    {
        using var kit = new SimulatorTestKit(users);

        var pages = await kit.WalkAsync(userLimit, provider);

        var listed = pages.SelectMany(p => p.UserIds).ToList();
        var expected = kit.Team.UsersWithPulls.Where(id => kit.Team.ProvidersOf(id).Contains(provider)).ToList();
        Assert.Equal(expected, listed);
        Assert.NotEmpty(listed);
        Assert.All(pages, p => Assert.InRange(p.UserIds.Count, 0, userLimit));
        Assert.All(pages.SelectMany(p => p.Json.GetProperty("data").EnumerateArray()), user =>
            Assert.Equal([provider], user.GetProperty("provider").EnumerateObject().Select(o => o.Name)));
    }

    [Fact]
    public async Task Walk_ProviderFilter_MatchesWhatEachUserLookupShows()
    {
        using var kit = new SimulatorTestKit(users: 120);
        var withOura = new List<string>();
        foreach (var id in kit.Team.UserIds)
        {
            if (await kit.GetUserElementAsync(id) is { } user && user.GetProperty("provider").TryGetProperty("oura", out _))
            {
                withOura.Add(id);
            }
        }

        var listed = (await kit.WalkAsync(9, "oura")).SelectMany(p => p.UserIds);

        Assert.Equal(withOura, listed);
    }

    [Fact]
    public async Task Walk_UnfilteredAndFiltered_AgreeOnEachUsersProviderEntry()
    {
        using var kit = new SimulatorTestKit(users: 150);
        var unfiltered = (await kit.WalkAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray())
            .ToDictionary(u => u.GetProperty("user_id").GetString()!, u => u.Clone());

        foreach (var user in (await kit.WalkAsync(50, "garmin")).SelectMany(p => p.Json.GetProperty("data").EnumerateArray()))
        {
            var id = user.GetProperty("user_id").GetString()!;
            Assert.Equal(
                unfiltered[id].GetProperty("provider").GetProperty("garmin").GetRawText(),
                user.GetProperty("provider").GetProperty("garmin").GetRawText());
        }
    }

    [Fact]
    public async Task Page_UserWithoutPullsTakesASlot_HoldsFewerUsersThoughMorePagesFollow()
    {
        using var kit = new SimulatorTestKit(users: 200);
        const int userLimit = 7;
        var position = kit.Team.UserIds.ToList().IndexOf(kit.Team.Scenarios[ScenarioNames.NoPulls]);

        var pages = await kit.WalkAsync(userLimit);

        var page = pages[position / userLimit];
        Assert.True(page.UserIds.Count < userLimit);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task UserLimit_AboveFifty_IsCappedAtFifty()
    {
        using var kit = new SimulatorTestKit(users: 300);

        var capped = await kit.GetAsync("user_limit=500");
        var fifty = await kit.GetAsync("user_limit=50");
        var huge = await kit.GetAsync("user_limit=99999999999999999999999");

        Assert.Equal(fifty.Body, capped.Body);
        Assert.Equal(fifty.Body, huge.Body);
    }

    [Fact]
    public async Task UserLimit_Absent_DefaultsToFifty()
    {
        using var kit = new SimulatorTestKit(users: 300);

        Assert.Equal((await kit.GetAsync("user_limit=50")).Body, (await kit.GetAsync(string.Empty)).Body);
    }

    [Fact]
    public async Task EmptyTeam_FirstPage_IsEmptyWithNullCursor()
    {
        using var kit = new SimulatorTestKit(users: 0);

        var answer = await kit.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"data":[],"next":null,"next_cursor":null}""", answer.Body);
    }

    [Fact]
    public async Task LastPageCursor_None_LastPageSaysNone()
    {
        using var kit = new SimulatorTestKit(users: 120, configure: o => o.LastPageCursor = "None");

        var pages = await kit.WalkAsync(50, lastPageCursor: "None");

        Assert.Equal(3, pages.Count);
        Assert.Equal("None", pages[^1].NextCursor);
        Assert.Equal(kit.Team.UsersWithPulls, pages.SelectMany(p => p.UserIds));
        Assert.Equal("None", (await kit.GetUserAsync(kit.Team.Scenarios[ScenarioNames.Healthy])).NextCursor);
    }

    [Fact]
    public async Task Cursor_SamePositionAsked_Twice_GivesTheSamePage()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var cursor = (await kit.GetAsync("user_limit=10")).NextCursor!;

        var first = await kit.GetAsync($"user_limit=10&next_cursor={Uri.EscapeDataString(cursor)}");
        var second = await kit.GetAsync($"user_limit=10&next_cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(first.Body, second.Body);
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
    }

    [Fact]
    public async Task DeprecatedCursorParameter_IsIgnoredButRecorded()
    {
        using var kit = new SimulatorTestKit(users: 200);

        var without = await kit.GetAsync("user_limit=10");
        var with = await kit.GetAsync("user_limit=10&cursor=whatever");

        Assert.Equal(without.Body, with.Body);
        Assert.Equal(["user_limit=10", "user_limit=10&cursor=whatever"], kit.Simulator.RecentRequestQueries);
    }
}
