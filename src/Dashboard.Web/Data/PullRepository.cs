using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data;

/// <summary>An upstream answer and when it was fetched: pages show it as "as of".</summary>
[ImmutableObject(true)]
public sealed record Fetched<T>(T Value, DateTimeOffset AsOf);

/// <summary>
/// The one way pages and endpoints read the upstream: through a cache shared by every circuit and request,
/// keyed by base URL and query, with stampede protection (a hundred people opening one user cost one call).
/// </summary>
public interface IPullRepository
{
    /// <summary>
    /// One user's pulls from the cache, fetched again when the cached answer is older than
    /// <paramref name="maxAge"/> (<see cref="TimeSpan.Zero"/>: always). Concurrent callers share one fetch, and a
    /// fresh answer serves everyone after it, so ten people auto-refreshing one user cost one upstream call.
    /// </summary>
    Task<Fetched<UserHistoricalPulls>> GetUserAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default);

    /// <summary>One page of the team (optionally one provider's users).</summary>
    Task<Fetched<HistoricalPullPage>> GetPageAsync(HistoricalPullPageRequest request, bool refresh = false, CancellationToken cancellationToken = default);
}

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
