using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class PerProviderTeamScannerTests
{
    [Theory]
    [InlineData(120, 7, 8)]
    [InlineData(1_000, 3, 8)]
    [InlineData(1_000, 3, 1)]
    public async Task Scan_AgainstTheSimulator_FindsEveryUserWithAKnownProviderOnce(int users, int seed, int concurrency)
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = users, Seed = seed }, TimeProvider.System);
        await using var services = Build(simulator, concurrency);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();
        var expected = simulator.Team.UserIds
            .Where(id => simulator.Team.HasPulls(id) && simulator.Team.ProvidersOf(id).Any(p => new ProviderSlug(p).IsKnown))
            .ToHashSet(StringComparer.Ordinal);

        for (var run = 0; run < 5; run++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var scopes = 0;
            await foreach (var batch in scanner.ScanAsync(new ScopeReports(_ => scopes++), TestContext.Current.CancellationToken))
            {
                Assert.NotNull(batch.Scope);
                Assert.All(batch.Users, u => Assert.Equal([batch.Scope!.Value], u.Providers.Keys));
                seen.UnionWith(batch.Users.Select(u => u.UserId));
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
            Assert.Equal(scanner.ScopeCount, scopes);
        }
    }

    [Fact]
    public async Task Scan_AReaderThatLags_HoldsTheWalksAtAFewPagesAhead()
    {
        // Pages read and not merged are garbage in waiting: when the merge lags, the walks wait for it, a few pages each.
        // (With the earlier queue of 256 pages, this read 189 pages ahead.)
        const int concurrency = 4;
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 2_000, Seed = 3 }, TimeProvider.System);
        await using var services = Build(simulator, concurrency);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();
        var ct = TestContext.Current.CancellationToken;

        await using var batches = scanner.ScanAsync(new ScopeReports(_ => { }), ct).GetAsyncEnumerator(ct);
        Assert.True(await batches.MoveNextAsync());
        long asked;
        var steady = 0;
        do
        {
            asked = simulator.RequestCount;
            await Task.Delay(50, ct);
            steady = simulator.RequestCount == asked ? steady + 1 : 0;
        }
        while (steady < 6);

        // One page taken, PagesWaitingPerWalk a walk queued, one more in each walk's hands, and the sampled first page.
        var bound = 1 + (PerProviderTeamScanner.PagesWaitingPerWalk * concurrency) + concurrency + 1;
        Assert.InRange(asked, concurrency, bound);

        var pages = 1;
        while (await batches.MoveNextAsync())
        {
            pages++;
        }

        Assert.True(pages > 2 * bound, $"the whole team is {pages} pages: too few to show the wait");
    }

    private static ServiceProvider Build(VitalSimulator simulator, int concurrency) =>
        SimulatedTeamServices.PerProviderScanner(simulator, concurrency);
}
