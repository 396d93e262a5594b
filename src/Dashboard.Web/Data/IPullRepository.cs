using Vital.Introspection;

namespace Dashboard.Web.Data;

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
