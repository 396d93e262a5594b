using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>A client a test fakes part of: every call it does not override says so.</summary>
internal abstract class VitalClientStub : IVitalIntrospectionClient
{
    public virtual Task<UserHistoricalPulls> GetUserAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<HistoricalPullPage> GetPageAsync(HistoricalPullPageRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual IAsyncEnumerable<HistoricalPullPage> GetPagesAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual IAsyncEnumerable<UserHistoricalPulls> GetAllUsersAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<VitalUser?> GetUserProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<VitalUser?> ResolveClientUserIdAsync(string clientUserId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<IReadOnlyList<ProviderConnection>?> GetConnectionsAsync(string userId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<UserResources> GetUserResourcesAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<ResourcesPage> GetResourcesPageAsync(ResourcesPageRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual IAsyncEnumerable<ResourcesPage> GetResourcesPagesAsync(ProviderSlug? provider = null, int? userLimit = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<RefreshResult> RefreshUserAsync(string userId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
