using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data;

internal sealed class PullRepository(
    IVitalIntrospectionClient client,
    HybridCache cache,
    IOptions<VitalOptions> options,
    TimeProvider timeProvider) : IPullRepository
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

    public async Task<Fetched<UserHistoricalPulls>> GetUserAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default)
    {
        var cached = await GetUserAsync(userId, refresh: maxAge == TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        if (maxAge is { } age && age > TimeSpan.Zero && timeProvider.GetUtcNow() - cached.AsOf > age)
        {
            cached = await GetUserAsync(userId, refresh: true, cancellationToken).ConfigureAwait(false);
        }

        return cached;
    }

    private async Task<Fetched<UserHistoricalPulls>> GetUserAsync(string userId, bool refresh, CancellationToken cancellationToken)
    {
        var key = $"vital:{_scope}:user:{userId.ToLowerInvariant()}";
        return await cache.GetOrCreateAsync(
            key,
            (client, userId, timeProvider),
            static async (state, ct) =>
            {
                var pulls = await state.client.GetUserAsync(state.userId, cancellationToken: ct).ConfigureAwait(false);
                return new Fetched<UserHistoricalPulls>(pulls, state.timeProvider.GetUtcNow());
            },
            Options(refresh),
            tags: ["vital-user"],
            cancellationToken).ConfigureAwait(false);
    }

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

    private HybridCacheEntryOptions Options(bool refresh) =>
        refresh ? new HybridCacheEntryOptions
        {
            Expiration = _entryOptions.Expiration,
            LocalCacheExpiration = _entryOptions.LocalCacheExpiration,
            Flags = (_entryOptions.Flags ?? HybridCacheEntryFlags.None) | RefreshFlags,
        }
        : _entryOptions;
}
