using System.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Web.Observability;

/// <summary>
/// The shared cache with its hits and misses counted, wrapped around the registered <see cref="HybridCache"/> so the
/// repository is unchanged. A read whose own factory ran is a miss (it asked Vital); one served from memory, Redis,
/// or another caller's fetch in flight is a hit (it did not). The cache's name is the entry's first tag
/// (<c>vital-user</c>, <c>vital-page</c>, ... written <c>vital_user</c>), never its key, which holds user ids. It also
/// keeps an upstream call's span under the request that caused it (<see cref="Lookup{TState, T}.FetchAsync"/>).
/// </summary>
internal sealed class MeteredHybridCache(HybridCache inner, DashboardMetrics metrics) : HybridCache
{
    public override async ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        var lookup = new Lookup<TState, T>(state, factory);
        var value = await inner.GetOrCreateAsync(key, lookup, static (l, ct) => l.FetchAsync(ct), options, tags, cancellationToken).ConfigureAwait(false);
        metrics.RecordCacheLookup(CacheName(tags), hit: !lookup.Fetched);
        if (lookup.Fetched)
        {
            metrics.RecordFetched(value);
        }

        return value;
    }

    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        inner.SetAsync(key, value, options, tags, cancellationToken);

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        inner.RemoveAsync(key, cancellationToken);

    public override ValueTask RemoveAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        inner.RemoveAsync(keys, cancellationToken);

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) =>
        inner.RemoveByTagAsync(tag, cancellationToken);

    public override ValueTask RemoveByTagAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default) =>
        inner.RemoveByTagAsync(tags, cancellationToken);

    /// <summary><c>vital-user</c> becomes <c>vital_user</c>: attribute values keep to one shape.</summary>
    private static string CacheName(IEnumerable<string>? tags) => LabelValue.Of(tags?.FirstOrDefault()?.Replace('-', '_'));

    /// <summary>One caller's read: whether its factory ran, and the span it was made in.</summary>
    private sealed class Lookup<TState, T>(TState state, Func<TState, CancellationToken, ValueTask<T>> factory)
    {
        private readonly Activity? _caller = Activity.Current;

        public bool Fetched { get; private set; }

        /// <summary>
        /// The cache runs a fetch apart from its caller's flow (callers share it), which would make each upstream call
        /// the root of a trace of its own: the fetch is put back under the span of the caller that started it.
        /// </summary>
        public async ValueTask<T> FetchAsync(CancellationToken cancellationToken)
        {
            Fetched = true;
            Activity.Current ??= _caller;
            return await factory(state, cancellationToken).ConfigureAwait(false);
        }
    }
}
