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

    private static ServiceProvider Build(VitalSimulator simulator, int concurrency) =>
        SimulatedTeamServices.PerProviderScanner(simulator, concurrency);
}
