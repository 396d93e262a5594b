using Vital.Introspection;

namespace Dashboard.Diagnosis.Tests;

/// <summary>
/// Builds a <see cref="UserSources"/>: the user, their connections, their pulls and their ongoing data, each read,
/// not read, not found or unavailable as a test needs. By default the user is read and everything else is read empty.
/// </summary>
internal sealed class SourcesBuilder(string userId = TestData.UserId)
{
    private SourceRead<VitalUser> _user = SourceRead<VitalUser>.Ok(new VitalUser { UserId = userId, TeamId = "team-1", ClientUserId = "cust-1" });
    private readonly List<ProviderConnection> _connections = [];
    private SourceRead<IReadOnlyList<ProviderConnection>>? _connectionsRead;
    private readonly UserBuilder _pulls = new(userId);
    private SourceRead<UserHistoricalPulls>? _pullsRead;
    private readonly Dictionary<ProviderSlug, Dictionary<ResourceName, ResourceFreshness>> _ongoing = [];
    private SourceRead<UserResources>? _resourcesRead;

    public SourcesBuilder User(Func<VitalUser, VitalUser> change)
    {
        _user = SourceRead<VitalUser>.Ok(change(_user.Value ?? new VitalUser { UserId = userId }));
        return this;
    }

    public SourcesBuilder UserRead(SourceRead<VitalUser> read)
    {
        _user = read;
        return this;
    }

    /// <summary>A connection (default: connected, nothing denied).</summary>
    public SourcesBuilder Connection(string provider, string status = "connected", ConnectionError? error = null, params (string Resource, string[] Denied)[] unavailable)
    {
        _connections.Add(new ProviderConnection
        {
            Provider = new ProviderSlug(provider),
            Status = new ConnectionStatus(status),
            Error = error,
            ExternalUserId = $"ext-{provider}",
            Resources = unavailable.ToDictionary(
                u => new ResourceName(u.Resource),
                u => new ResourceAvailability { Status = AvailabilityStatus.Unavailable, DeniedRequiredScopes = u.Denied }),
        });
        return this;
    }

    public SourcesBuilder ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>> read)
    {
        _connectionsRead = read;
        return this;
    }

    public SourcesBuilder Pulled(string provider, string resource, HistoricalPull pull)
    {
        _pulls.Pulled(provider, resource, pull);
        return this;
    }

    public SourcesBuilder NotPulled(string provider, params string[] resources)
    {
        _pulls.NotPulled(provider, resources);
        return this;
    }

    public SourcesBuilder PullsRead(SourceRead<UserHistoricalPulls> read)
    {
        _pullsRead = read;
        return this;
    }

    /// <summary>Ongoing data whose newest point is <paramref name="newestAgo"/> before <see cref="TestData.AsOf"/>.</summary>
    public SourcesBuilder Ongoing(string provider, string resource, TimeSpan? newestAgo, string attempt = "success", TimeSpan? attemptAgo = null)
    {
        var slug = new ProviderSlug(provider);
        if (!_ongoing.TryGetValue(slug, out var resources))
        {
            resources = [];
            _ongoing[slug] = resources;
        }

        resources[new ResourceName(resource)] = new ResourceFreshness
        {
            NewestData = newestAgo is { } ago ? TestData.AsOf - ago : null,
            OldestData = TestData.AsOf.AddDays(-200),
            LastAttempt = new LastAttempt(TestData.AsOf - (attemptAgo ?? TimeSpan.FromMinutes(30)), new AttemptStatus(attempt)),
            SentCount = 42,
        };
        return this;
    }

    public SourcesBuilder ResourcesRead(SourceRead<UserResources> read)
    {
        _resourcesRead = read;
        return this;
    }

    public UserSources Build() => new()
    {
        UserId = userId,
        User = _user,
        Connections = _connectionsRead ?? SourceRead<IReadOnlyList<ProviderConnection>>.Ok(_connections),
        Pulls = _pullsRead ?? SourceRead<UserHistoricalPulls>.Ok(_pulls.Build()),
        Resources = _resourcesRead ?? SourceRead<UserResources>.Ok(new UserResources
        {
            UserId = userId,
            Providers = _ongoing.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<ResourceName, ResourceFreshness>)p.Value),
        }),
    };

    public UserDiagnosis Diagnose(DiagnosisOptions? options = null) => TestData.Engine(options).Diagnose(Build(), TestData.AsOf);
}
