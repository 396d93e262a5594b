using Vital.Introspection;

namespace Dashboard.Web.Data;

/// <summary>
/// The one way pages and endpoints read the upstream: through a cache shared by every circuit and request (and, with
/// several replicas, Redis), keyed by base URL and query, with stampede protection (a hundred people opening one user
/// cost one call per source). Each read is fetched again when the cached answer is older than its
/// <c>maxAge</c> (<see cref="TimeSpan.Zero"/>: always; null: whenever the cache has one); concurrent callers share one fetch.
/// </summary>
public interface IVitalRepository
{
    /// <summary>One user's historical pulls.</summary>
    Task<Fetched<UserHistoricalPulls>> GetPullsAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default);

    /// <summary>The user (null: Vital knows no such user).</summary>
    Task<Fetched<VitalUser?>> GetProfileAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default);

    /// <summary>The user with the customer's own id (null: none).</summary>
    Task<Fetched<VitalUser?>> ResolveAsync(string clientUserId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default);

    /// <summary>The user's connections (null: Vital knows no such user).</summary>
    Task<Fetched<IReadOnlyList<ProviderConnection>?>> GetConnectionsAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default);

    /// <summary>The user's ongoing data.</summary>
    Task<Fetched<UserResources>> GetResourcesAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops what the cache holds of one user's pulls, connections and ongoing data (after a manual refresh, which
    /// changes them), so the next read of any page or replica asks Vital. The profile stays: a refresh does not change it.
    /// </summary>
    Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>One page of the team (optionally one provider's users).</summary>
    Task<Fetched<HistoricalPullPage>> GetPageAsync(HistoricalPullPageRequest request, bool refresh = false, CancellationToken cancellationToken = default);
}
