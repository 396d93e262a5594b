using Dashboard.Web.Tests.Support;
using Dashboard.Web.Data;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data;

/// <summary>The shared cache behind the user page's refreshes: how often the upstream is really asked.</summary>
public sealed class VitalRepositoryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly CountingClient _client = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private VitalRepository Repository(int cacheSeconds = 60) =>
        new(_client, _services.GetRequiredService<HybridCache>(), Options.Create(new VitalOptions { CacheSeconds = cacheSeconds }), new ClientUserIds(), _time);

    [Fact]
    public async Task GetPullsAsync_Twice_OneUpstreamCallAndTheFirstAsOf()
    {
        var repository = Repository();

        var first = await repository.GetPullsAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = await repository.GetPullsAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, _client.Calls);
        Assert.Equal(Now, second.AsOf);
        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public async Task GetPullsAsync_MaxAge_ReusedWhileYoungerThenFetchedAgain()
    {
        var repository = Repository();
        await repository.GetPullsAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(30));
        var young = await repository.GetPullsAsync(Id(1), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, _client.Calls);
        Assert.Equal(Now, young.AsOf);

        _time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await repository.GetPullsAsync(Id(1), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(2, _client.Calls);
        Assert.Equal(Now.AddSeconds(31), fresh.AsOf);
    }

    [Fact]
    public async Task GetPullsAsync_MaxAgeZero_AlwaysAsksAndServesTheFreshAnswerToEveryoneAfter()
    {
        var repository = Repository();
        await repository.GetPullsAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(1));
        await repository.GetPullsAsync(Id(1), TimeSpan.Zero, TestContext.Current.CancellationToken);
        var after = await repository.GetPullsAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, _client.Calls);
        Assert.Equal(Now.AddSeconds(1), after.AsOf);
    }

    [Fact]
    public async Task GetPullsAsync_TenWatchersAtOnce_OneUpstreamCall()
    {
        var repository = Repository();
        _client.Hold();

        var watchers = Enumerable.Range(0, 10)
            .Select(_ => repository.GetPullsAsync(Id(1), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))
            .ToList();
        _client.Release();
        await Task.WhenAll(watchers);

        Assert.Equal(1, _client.Calls);
    }

    [Fact]
    public async Task GetPullsAsync_UserIdInAnotherCase_SameEntry()
    {
        var repository = Repository();

        await repository.GetPullsAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);
        await repository.GetPullsAsync(Id(1).ToUpperInvariant(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, _client.Calls);
    }

    [Fact]
    public async Task DiagnosisService_RefreshOrMaxAge_DiagnosedAsOfTheFetch()
    {
        var service = new DiagnosisService(Repository(), Engine, Options.Create(new VitalOptions()));

        var cached = await service.GetAsync(Id(1), cancellationToken: TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(1));
        var stillCached = await service.GetAsync(Id(1), TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        var refreshed = await service.GetAsync(Id(1), refresh: true, TestContext.Current.CancellationToken);

        Assert.Equal(Now, cached.AsOf);
        Assert.Equal(Now, stillCached.AsOf);
        Assert.Equal(Now.AddMinutes(1), refreshed.AsOf);
        Assert.Equal(2, _client.Calls);
        Assert.Equal("1 pull in progress", refreshed.Headline);
    }

    private sealed class CountingClient : VitalClientStub
    {
        private int _calls;
        private TaskCompletionSource? _hold;

        public int Calls => Volatile.Read(ref _calls);

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _hold?.TrySetResult();

        public override Task<VitalUser?> GetUserProfileAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<VitalUser?>(new VitalUser { UserId = userId, ConnectedSources = [new ConnectedSource { Provider = ProviderSlug.Oura }] });

        public override Task<IReadOnlyList<ProviderConnection>?> GetConnectionsAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ProviderConnection>?>([new ProviderConnection { Provider = ProviderSlug.Oura, Status = ConnectionStatus.Connected }]);

        public override Task<UserResources> GetUserResourcesAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(UserResources.Empty(userId));

        public override async Task<UserHistoricalPulls> GetUserAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (_hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return User(userId).Pull("oura", "sleep", "in_progress");
        }
    }
}
