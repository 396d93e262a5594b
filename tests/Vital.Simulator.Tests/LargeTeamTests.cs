using System.Diagnostics;
using System.Net;

namespace Vital.Simulator.Tests;

/// <summary>A team of 100,000 users builds and serves pages (functional checks only: no timing assertions).</summary>
public sealed class LargeTeamTests
{
    [Fact]
    public async Task HundredThousandUsers_BuildAndServe_WorksLikeASmallTeam()
    {
        var watch = Stopwatch.StartNew();
        using var kit = new SimulatorTestKit(users: 100_000);
        var built = watch.Elapsed;

        watch.Restart();
        var first = await kit.GetAsync("user_limit=50");
        var firstPage = watch.Elapsed;
        watch.Restart();
        var second = await kit.GetAsync($"user_limit=50&next_cursor={first.NextCursor}");
        var secondPage = watch.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"100k team: built in {built.TotalMilliseconds:F0} ms, first page {firstPage.TotalMilliseconds:F1} ms, second page {secondPage.TotalMilliseconds:F1} ms");

        Assert.Equal(100_000, kit.Team.Count);
        Assert.Equal(100_000, kit.Team.UserIds.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.InRange(first.UserIds.Count + second.UserIds.Count, 60, 100);
        Assert.Equal(kit.Team.UsersWithPulls.Take(first.UserIds.Count + second.UserIds.Count), first.UserIds.Concat(second.UserIds));

        var last = kit.Team.UserIds[^1];
        var lookup = await kit.GetUserAsync(last);
        Assert.Equal(kit.Team.HasPulls(last) ? [last] : [], lookup.UserIds);

        var filtered = await kit.GetAsync("provider=apple_health_kit&user_limit=50");
        Assert.Equal(50, filtered.UserIds.Count + CountWithoutPulls(kit, "apple_health_kit", 50));
        Assert.NotNull(filtered.NextCursor);
    }

    [Fact]
    public async Task HundredThousandUsers_LongTailProvider_WalksToTheEnd()
    {
        using var kit = new SimulatorTestKit(users: 100_000);

        var pages = await kit.WalkAsync(50, "kardia");

        var listed = pages.SelectMany(p => p.UserIds).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(kit.Team.UsersPerProvider["kardia"] - CountWithoutPulls(kit, "kardia", int.MaxValue), listed.Count);
        Assert.True(listed.Count > 50);
    }

    private static int CountWithoutPulls(SimulatorTestKit kit, string provider, int firstN) =>
        kit.Team.UserIds.Where(id => kit.Team.ProvidersOf(id).Contains(provider)).Take(firstN).Count(id => !kit.Team.HasPulls(id));
}
