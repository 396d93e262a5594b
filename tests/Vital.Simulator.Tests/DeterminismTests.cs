namespace Vital.Simulator.Tests;

/// <summary>Same seed, size and clock: byte-identical answers; another seed: another team.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public async Task SameSeedSizeAndTime_EveryAnswer_IsByteIdentical()
    {
        using var one = new SimulatorTestKit(users: 200, seed: 42);
        using var two = new SimulatorTestKit(users: 200, seed: 42);

        Assert.Equal(one.Team.UserIds, two.Team.UserIds);
        Assert.Equal(one.Team.Scenarios, two.Team.Scenarios);
        Assert.Equal((await one.WalkAsync(13)).Select(p => p.Body), (await two.WalkAsync(13)).Select(p => p.Body));
        Assert.Equal((await one.WalkAsync(50, "garmin")).Select(p => p.Body), (await two.WalkAsync(50, "garmin")).Select(p => p.Body));
        foreach (var id in one.Team.Scenarios.Values)
        {
            Assert.Equal((await one.GetUserAsync(id)).Body, (await two.GetUserAsync(id)).Body);
        }
    }

    [Fact]
    public async Task SameSeedSizeAndTime_WholeDiagnosisAnswers_AreByteIdentical()
    {
        using var one = new SimulatorTestKit(users: 200, seed: 42);
        using var two = new SimulatorTestKit(users: 200, seed: 42);

        Assert.Equal(one.Team.TeamId, two.Team.TeamId);
        Assert.Equal((await one.WalkResourcesAsync(13)).Select(p => p.Body), (await two.WalkResourcesAsync(13)).Select(p => p.Body));
        Assert.Equal((await one.WalkResourcesAsync(50, "oura")).Select(p => p.Body), (await two.WalkResourcesAsync(50, "oura")).Select(p => p.Body));
        foreach (var id in one.Team.UserIds)
        {
            Assert.Equal((await one.GetAccountAsync(id)).Body, (await two.GetAccountAsync(id)).Body);
            Assert.Equal((await one.GetConnectionsAsync(id)).Body, (await two.GetConnectionsAsync(id)).Body);
            Assert.Equal((await one.ResolveAsync(one.Team.ClientUserIdOf(id)!)).Body, (await two.ResolveAsync(two.Team.ClientUserIdOf(id)!)).Body);
        }

        foreach (var id in one.Team.Scenarios.Values)
        {
            var first = await one.RefreshAsync(id);
            var second = await two.RefreshAsync(id);
            Assert.Equal((first.Status, first.Body), (second.Status, second.Body));
        }
    }

    [Fact]
    public async Task SameSeed_TimePassesWithinAnHour_UsersConnectionsAndOngoingDataDoNotChange()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var evolving = kit.Team.Scenarios[ScenarioNames.Evolving];

        // The evolving user's data comes with its pulls, so this starts after its four minutes.
        var first = await ReadAccountsAsync(kit);
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        var before = await ReadAccountsAsync(kit);
        kit.Time.Advance(TimeSpan.FromMinutes(49));
        var after = await ReadAccountsAsync(kit);

        Assert.Equal(before, after);
        Assert.NotEqual(first, before);
        Assert.Equal(
            first.Where(b => !b.Contains(evolving, StringComparison.Ordinal)),
            before.Where(b => !b.Contains(evolving, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SameSeed_DaysPass_OngoingDataKeepsUpWithTheClockWhilePullsStay()
    {
        using var kit = new SimulatorTestKit(users: 200);
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        var pulls = (await kit.WalkAsync()).Select(p => p.Body).ToList();
        var healthy = kit.Team.Scenarios[ScenarioNames.Healthy];
        var stale = kit.Team.Scenarios[ScenarioNames.StaleData];

        kit.Time.Advance(TimeSpan.FromDays(3.5));
        var now = kit.Time.GetUtcNow();
        var healthyRows = ResourceRow.Of((await kit.GetResourcesAsync($"user_id={healthy}")).Json.GetProperty("data")[0]);
        var staleRows = ResourceRow.Of((await kit.GetResourcesAsync($"user_id={stale}")).Json.GetProperty("data")[0]);

        Assert.Equal(pulls, (await kit.WalkAsync()).Select(p => p.Body));
        Assert.All(healthyRows, r => Assert.InRange(r.NewestData!.Value, now.AddHours(-6), now));
        Assert.All(healthyRows, r => Assert.InRange(r.LastAttemptAt!.Value, now.AddHours(-2), now));
        Assert.All(staleRows, r => Assert.InRange(now - r.NewestData!.Value, TimeSpan.FromDays(9.5), TimeSpan.FromDays(11.5)));
    }

    [Fact]
    public async Task SameSeed_AnswersRepeated_DoNotChangeBetweenRequests()
    {
        using var kit = new SimulatorTestKit(users: 200);
        var first = (await kit.WalkAsync()).Select(p => p.Body).ToList();

        // Pulls are anchored to the simulator's creation, not to each request: time passing changes nothing
        // (but the evolving user, which is why this starts after its four minutes).
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        var before = (await kit.WalkAsync()).Select(p => p.Body).ToList();
        kit.Time.Advance(TimeSpan.FromHours(5));
        var after = (await kit.WalkAsync()).Select(p => p.Body).ToList();

        Assert.Equal(before, after);
        Assert.Equal(first.Count, before.Count);
    }

    [Fact]
    public async Task DifferentSeed_SameSize_GivesADifferentTeam()
    {
        using var one = new SimulatorTestKit(users: 200, seed: 1);
        using var two = new SimulatorTestKit(users: 200, seed: 2);

        Assert.NotEqual(one.Team.UserIds, two.Team.UserIds);
        Assert.Empty(one.Team.UserIds.Intersect(two.Team.UserIds));
        Assert.NotEqual(one.Team.TeamId, two.Team.TeamId);
        Assert.NotEqual(one.Team.UserIds.Select(one.Team.ClientUserIdOf), two.Team.UserIds.Select(two.Team.ClientUserIdOf));
        Assert.NotEqual((await one.GetAsync(string.Empty)).Body, (await two.GetAsync(string.Empty)).Body);
    }

    [Fact]
    public async Task DifferentCreationTime_SameSeed_ShiftsTimestampsOnly()
    {
        using var early = new SimulatorTestKit(users: 100);
        early.Time.Advance(TimeSpan.FromDays(1));
        var late = new VitalSimulator(new SimulatorOptions { Users = 100 }, early.Time);
        using var lateClient = SimulatorTestKit.CreateClient(late);
        var healthy = early.Team.Scenarios[ScenarioNames.Healthy];

        var earlyRows = PullRow.Of((await early.GetUserElementAsync(healthy))!.Value);
        using var response = await lateClient.GetAsync($"{SimulatorTestKit.Endpoint}?user_id={healthy}", TestContext.Current.CancellationToken);
        var lateUser = (await Answer.ReadAsync(response)).Json.GetProperty("data")[0];
        var lateRows = PullRow.Of(lateUser);

        Assert.Equal(early.Team.UserIds, late.Team.UserIds);
        Assert.Equal(earlyRows.Select(r => (r.Provider, r.Resource, r.Status, r.DaysWithData)), lateRows.Select(r => (r.Provider, r.Resource, r.Status, r.DaysWithData)));
        Assert.All(earlyRows.Zip(lateRows), pair =>
            Assert.Equal(TimeSpan.FromDays(1), pair.Second.Timeline("scheduled_at") - pair.First.Timeline("scheduled_at")));
    }

    private static async Task<List<string>> ReadAccountsAsync(SimulatorTestKit kit)
    {
        var bodies = (await kit.WalkResourcesAsync()).Select(p => p.Body).ToList();
        foreach (var id in kit.Team.UserIds)
        {
            bodies.Add((await kit.GetAccountAsync(id)).Body);
            bodies.Add((await kit.GetConnectionsAsync(id)).Body);
        }

        return bodies;
    }
}
