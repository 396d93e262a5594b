using System.Net;
using System.Text.Json;
using Dashboard.Web.Data;
using Dashboard.Web.Tests.Hosting;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Data;

public sealed class SharedCacheTests
{
    [Fact]
    public async Task Diagnosis_HundredConcurrentRequestsForOneUser_CostOneUpstreamCallPerSource()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 60, Seed = 9, Faults = new SimulatorFaultOptions { LatencyMs = 200 } }, TimeProvider.System);
        var upstream = new CountingHandler(new VitalSimulatorHandler(simulator));
        var settings = HostTests.LiveSettings();
        settings["Api:RequestsPerMinute"] = "1000";
        await using var factory = new DashboardFactory(settings, upstream);
        using var client = factory.CreateClient();
        var userId = simulator.Team.Scenarios[ScenarioNames.Healthy];
        await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var before = upstream.Requests.Count(r => r.RequestUri!.ToString().Contains(userId, StringComparison.Ordinal));

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            client.GetAsync($"/api/users/{userId}/diagnosis", TestContext.Current.CancellationToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Single(bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("asOf").GetString()).Distinct());
        // The user, the connections, the historical pulls and the ongoing data: once each, for all hundred.
        Assert.Equal(before + 4, upstream.Requests.Count(r => r.RequestUri!.ToString().Contains(userId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Repository_MaxAgeOlderThanTheCachedAnswer_FetchesOnceForEveryoneAfter()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 60, Seed = 9 }, TimeProvider.System);
        var upstream = new CountingHandler(new VitalSimulatorHandler(simulator));
        await using var factory = new DashboardFactory(HostTests.LiveSettings(), upstream);
        var repository = factory.Services.GetRequiredService<IVitalRepository>();
        var userId = simulator.Team.Scenarios[ScenarioNames.Healthy];

        var first = await repository.GetPullsAsync(userId, maxAge: null, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var refreshed = await repository.GetPullsAsync(userId, TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken);
        var reused = await repository.GetPullsAsync(userId, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(refreshed.AsOf > first.AsOf);
        Assert.Equal(refreshed.AsOf, reused.AsOf);
        Assert.Equal(2, upstream.Requests.Count(r => r.RequestUri!.Query.Contains(userId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Repository_TwoReplicasSharingASecondLevelCache_TheSecondReadsTheFirstsAnswerWhole()
    {
        // A Redis second level (Cache:Redis) holds serialized answers for every replica; an in-memory
        // IDistributedCache stands in for it here, shared by two dashboard hosts.
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 60, Seed = 9 }, TimeProvider.System);
        var distributed = new RecordingDistributedCache();
        var first = new CountingHandler(new VitalSimulatorHandler(simulator));
        var second = new CountingHandler(new VitalSimulatorHandler(simulator));
        await using var replicaA = new DashboardFactory(HostTests.LiveSettings(), first, services => services.AddSingleton<IDistributedCache>(distributed));
        await using var replicaB = new DashboardFactory(HostTests.LiveSettings(), second, services => services.AddSingleton<IDistributedCache>(distributed));
        var userId = simulator.Team.Scenarios["unknown_provider"];

        var fetched = await replicaA.Services.GetRequiredService<IVitalRepository>().GetPullsAsync(userId, maxAge: null, TestContext.Current.CancellationToken);
        for (var i = 0; i < 50 && !distributed.Written.Keys.Any(k => k.EndsWith(userId, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var shared = await replicaB.Services.GetRequiredService<IVitalRepository>().GetPullsAsync(userId, maxAge: null, TestContext.Current.CancellationToken);

        Assert.Equal(0, second.Requests.Count(r => r.RequestUri!.Query.Contains(userId, StringComparison.Ordinal)));
        Assert.Equal(fetched.AsOf, shared.AsOf);
        Assert.Equal(fetched.Value.Providers.Keys.Order(), shared.Value.Providers.Keys.Order());
        var pulls = fetched.Value.Providers.SelectMany(p => p.Value.Pulled).ToDictionary(p => p.Key, p => p.Value);
        Assert.All(shared.Value.Providers.SelectMany(p => p.Value.Pulled), p =>
        {
            Assert.Equal(pulls[p.Key] with { Timeline = PullTimeline.Empty }, p.Value with { Timeline = PullTimeline.Empty });
            Assert.Equal(pulls[p.Key].Timeline, p.Value.Timeline);
        });
    }

    private sealed class RecordingDistributedCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Written { get; } = new();

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Written[key] = value;
            _inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Written[key] = value;
            return _inner.SetAsync(key, value, options, token);
        }
    }
}
