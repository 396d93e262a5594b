namespace Vital.Introspection;

/// <summary>Reads <c>GET /v2/introspect/historical_pull</c>. Every failure is a <see cref="VitalApiException"/>.</summary>
public interface IVitalIntrospectionClient
{
    /// <summary>
    /// One user's pulls, optionally for one provider. The upstream cannot tell an unknown user from one without
    /// pulls: both come back with no providers.
    /// </summary>
    Task<UserHistoricalPulls> GetUserAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default);

    /// <summary>One page of the team's users.</summary>
    Task<HistoricalPullPage> GetPageAsync(HistoricalPullPageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every page of the team, following <c>next_cursor</c> until the last page.</summary>
    IAsyncEnumerable<HistoricalPullPage> GetPagesAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default);

    /// <summary>Every user of the team, following <c>next_cursor</c>.</summary>
    IAsyncEnumerable<UserHistoricalPulls> GetAllUsersAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default);
}
