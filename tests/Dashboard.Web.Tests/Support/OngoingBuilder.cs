using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>One user's ongoing data (the resources introspection), with newest data and last attempts relative to <see cref="TestPulls.Now"/>.</summary>
internal sealed class OngoingBuilder(string userId)
{
    private readonly Dictionary<ProviderSlug, Dictionary<ResourceName, ResourceFreshness>> _providers = [];

    /// <summary>A resource whose newest data is <paramref name="newestAgo"/> old (null: none yet), last read half an hour ago.</summary>
    public OngoingBuilder Resource(string provider, string resource, TimeSpan? newestAgo, string attempt = "success")
    {
        var slug = new ProviderSlug(provider);
        if (!_providers.TryGetValue(slug, out var resources))
        {
            resources = [];
            _providers[slug] = resources;
        }

        resources[new ResourceName(resource)] = new ResourceFreshness
        {
            NewestData = newestAgo is { } ago ? TestPulls.Now - ago : null,
            OldestData = TestPulls.Now.AddDays(-90),
            LastAttempt = new LastAttempt(TestPulls.Now.AddMinutes(-30), new AttemptStatus(attempt)),
            SentCount = 10,
        };
        return this;
    }

    /// <summary>A provider the resources introspection lists with no resources of it yet.</summary>
    public OngoingBuilder Provider(string provider)
    {
        _providers.TryAdd(new ProviderSlug(provider), []);
        return this;
    }

    public UserResources Build() => new()
    {
        UserId = userId,
        Providers = _providers.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<ResourceName, ResourceFreshness>)p.Value),
    };
}
