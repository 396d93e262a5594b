namespace Vital.Introspection;

/// <summary>
/// Reads what a diagnosis needs from Vital: the historical pulls, the user (by Vital's id or the customer's own), the
/// user's connections and the ongoing-data introspection; and asks Vital to refresh a user, its one write. Every failure
/// is a <see cref="VitalApiException"/>; "no such user" is a result (null), not a failure.
/// </summary>
public interface IVitalIntrospectionClient
{
    /// <summary>
    /// One user's pulls, optionally for one provider. The upstream cannot tell an unknown user from one without
    /// pulls: both come back with no providers (an empty answer, or a 404 or 400 that says so).
    /// </summary>
    Task<UserHistoricalPulls> GetUserAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default);

    /// <summary>One page of the team's users.</summary>
    Task<HistoricalPullPage> GetPageAsync(HistoricalPullPageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every page of the team, following <c>next_cursor</c> until the last page.</summary>
    IAsyncEnumerable<HistoricalPullPage> GetPagesAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default);

    /// <summary>Every user of the team, following <c>next_cursor</c>.</summary>
    IAsyncEnumerable<UserHistoricalPulls> GetAllUsersAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default);

    /// <summary>The user, or null when Vital knows no such user (404, or a 400 that says so).</summary>
    Task<VitalUser?> GetUserProfileAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The user with the customer's own id (any characters: it is URL-encoded), or null when there is none.</summary>
    Task<VitalUser?> ResolveClientUserIdAsync(string clientUserId, CancellationToken cancellationToken = default);

    /// <summary>The user's connections, or null when Vital knows no such user.</summary>
    Task<IReadOnlyList<ProviderConnection>?> GetConnectionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>One user's ongoing data (none at all for a user Vital holds nothing for, or knows no such user).</summary>
    Task<UserResources> GetUserResourcesAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default);

    /// <summary>One page of the team's ongoing data.</summary>
    Task<ResourcesPage> GetResourcesPageAsync(ResourcesPageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every page of the team's ongoing data, following <c>next_cursor</c>.</summary>
    IAsyncEnumerable<ResourcesPage> GetResourcesPagesAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks Vital to fetch new data for the user from every polling provider now (never retried: it is a write, and
    /// Vital allows 8 per user per hour). A refusal (400, or no such user) is a result with <see cref="RefreshResult.Success"/> false.
    /// <paramref name="timeout"/> is how long Vital may wait for the providers before it answers 202 (its default, 10 s,
    /// when null), shortened so that the answer comes within one attempt's time-out.
    /// </summary>
    Task<RefreshResult> RefreshUserAsync(string userId, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
