using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data;

internal sealed class VitalRepository(
    IVitalIntrospectionClient client,
    HybridCache cache,
    IOptions<VitalOptions> options,
    ClientUserIds clientUserIds,
    TimeProvider timeProvider) : IVitalRepository
{
    private static readonly HybridCacheEntryFlags RefreshFlags =
        HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead;

    private readonly string _scope = options.Value.EffectiveBaseUrl?.AbsoluteUri ?? "default";
    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = TimeSpan.FromSeconds(Math.Max(1, options.Value.CacheSeconds)),
        LocalCacheExpiration = TimeSpan.FromSeconds(Math.Max(1, options.Value.CacheSeconds)),
        Flags = options.Value.CacheSeconds == 0 ? HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCache : null,
    };

    public Task<Fetched<UserHistoricalPulls>> GetPullsAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) =>
        GetAsync(PullsKey(userId), "vital-user", maxAge, ct => client.GetUserAsync(userId, cancellationToken: ct), cancellationToken);

    public async Task<Fetched<VitalUser?>> GetProfileAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default)
    {
        var fetched = await GetAsync($"profile:{userId.ToLowerInvariant()}", "vital-profile", maxAge, ct => client.GetUserProfileAsync(userId, ct), cancellationToken).ConfigureAwait(false);
        clientUserIds.Record(fetched.Value);
        return fetched;
    }

    public async Task<Fetched<VitalUser?>> ResolveAsync(string clientUserId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default)
    {
        // The client id is the customer's own string, any characters: escaped, it cannot reach into another key.
        var fetched = await GetAsync($"resolve:{Uri.EscapeDataString(clientUserId)}", "vital-profile", maxAge, ct => client.ResolveClientUserIdAsync(clientUserId, ct), cancellationToken).ConfigureAwait(false);
        clientUserIds.Record(fetched.Value);
        return fetched;
    }

    public Task<Fetched<IReadOnlyList<ProviderConnection>?>> GetConnectionsAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) =>
        GetAsync(ConnectionsKey(userId), "vital-connections", maxAge, ct => client.GetConnectionsAsync(userId, ct), cancellationToken);

    public Task<Fetched<UserResources>> GetResourcesAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) =>
        GetAsync(ResourcesKey(userId), "vital-resources", maxAge, ct => client.GetUserResourcesAsync(userId, cancellationToken: ct), cancellationToken);

    public async Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await cache.RemoveAsync([Scoped(PullsKey(userId)), Scoped(ConnectionsKey(userId)), Scoped(ResourcesKey(userId))], cancellationToken).ConfigureAwait(false);
    }

    private static string PullsKey(string userId) => $"user:{userId.ToLowerInvariant()}";

    private static string ConnectionsKey(string userId) => $"connections:{userId.ToLowerInvariant()}";

    private static string ResourcesKey(string userId) => $"resources:{userId.ToLowerInvariant()}";

    /// <summary>Every key is scoped by the upstream's base URL: two dashboards sharing a Redis never read each other's answers.</summary>
    private string Scoped(string key) => $"vital:{_scope}:{key}";

    public async Task<Fetched<HistoricalPullPage>> GetPageAsync(HistoricalPullPageRequest request, bool refresh = false, CancellationToken cancellationToken = default)
    {
        var key = $"vital:{_scope}:page:{request.Provider?.Value}:{request.UserLimit}:{request.NextCursor}";
        return await cache.GetOrCreateAsync(
            key,
            (client, request, timeProvider),
            static async (state, ct) =>
            {
                var page = await state.client.GetPageAsync(state.request, ct).ConfigureAwait(false);
                return new Fetched<HistoricalPullPage>(page, state.timeProvider.GetUtcNow());
            },
            Options(refresh),
            tags: ["vital-page"],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A cached answer, fetched again when it is older than <paramref name="maxAge"/>.</summary>
    private async Task<Fetched<T>> GetAsync<T>(string key, string tag, TimeSpan? maxAge, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        var cached = await GetAsync(key, tag, refresh: maxAge == TimeSpan.Zero, fetch, cancellationToken).ConfigureAwait(false);
        if (maxAge is { } age && age > TimeSpan.Zero && timeProvider.GetUtcNow() - cached.AsOf > age)
        {
            cached = await GetAsync(key, tag, refresh: true, fetch, cancellationToken).ConfigureAwait(false);
        }

        return cached;
    }

    private async Task<Fetched<T>> GetAsync<T>(string key, string tag, bool refresh, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(
            Scoped(key),
            (fetch, timeProvider),
            static async (state, ct) =>
            {
                var value = await state.fetch(ct).ConfigureAwait(false);
                return new Fetched<T>(value, state.timeProvider.GetUtcNow());
            },
            Options(refresh),
            tags: [tag],
            cancellationToken).ConfigureAwait(false);

    private HybridCacheEntryOptions Options(bool refresh) =>
        refresh ? new HybridCacheEntryOptions
        {
            Expiration = _entryOptions.Expiration,
            LocalCacheExpiration = _entryOptions.LocalCacheExpiration,
            Flags = (_entryOptions.Flags ?? HybridCacheEntryFlags.None) | RefreshFlags,
        }
        : _entryOptions;
}
