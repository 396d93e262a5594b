using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>One read of <see cref="IDiagnosisService"/>: whose sources, and how fresh they had to be.</summary>
internal sealed record DiagnosisCall(string UserId, bool Refresh, TimeSpan? MaxAge);

/// <summary>
/// Answers with canned sources, diagnosed by the real <see cref="DiagnosisEngine"/>: by default the pulls a test gives,
/// the user Vital would hold for them, one working connection per provider, and no ongoing data. Or throws the upstream
/// error a test asks for when the pulls are read. Records every read.
/// </summary>
internal sealed class FakeDiagnosisService : IDiagnosisService
{
    private readonly Lock _gate = new();
    private readonly List<DiagnosisCall> _calls = [];
    private Func<string, UserSources> _sources = id => Derived(UserHistoricalPulls.Empty(id));
    private Func<string, VitalApiException>? _pullsTrouble;
    private DateTimeOffset? _asOf;
    private TaskCompletionSource? _hold;

    public IReadOnlyList<DiagnosisCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>What <see cref="ResolveAsync"/> finds: client user id to Vital user id.</summary>
    public Dictionary<string, string> ClientUserIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Every client user id <see cref="ResolveAsync"/> was asked, in order.</summary>
    public List<string> ResolvedClientUserIds { get; } = [];

    /// <summary>From now on, these pulls (under the asked user id) as of <see cref="TestPulls.Now"/> or <paramref name="asOf"/>.</summary>
    public void Returns(UserHistoricalPulls pulls, DateTimeOffset? asOf = null)
    {
        _sources = id => Derived(pulls with { UserId = id });
        _pullsTrouble = null;
        _asOf = asOf;
    }

    /// <summary>From now on, these sources (under the asked user id).</summary>
    public void Returns(UserSources sources, DateTimeOffset? asOf = null)
    {
        _sources = id => sources with { UserId = id };
        _pullsTrouble = null;
        _asOf = asOf;
    }

    /// <summary>From now on, the upstream trouble of this kind when the historical pulls are read (the rest still answers).</summary>
    public void Throws(VitalErrorKind kind, string message = "Vital answered 503 three times; it is probably down for a moment.") =>
        _pullsTrouble = _ => new VitalApiException(kind, message);

    /// <summary>Reads wait until <see cref="Release"/>: for loading states.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    /// <summary>The user and connections Vital would hold for these pulls: a working connection per provider, no ongoing data.</summary>
    public static UserSources Derived(UserHistoricalPulls pulls)
    {
        var providers = pulls.Providers.Keys.OrderBy(p => p.Value, StringComparer.Ordinal).ToList();
        return new UserSources
        {
            UserId = pulls.UserId,
            User = SourceRead<VitalUser>.Ok(new VitalUser
            {
                UserId = pulls.UserId,
                TeamId = "team-1",
                ClientUserId = "client-" + pulls.UserId[..Math.Min(8, pulls.UserId.Length)],
                ConnectedSources = [.. providers.Select(p => new ConnectedSource { Provider = p })],
            }),
            Connections = SourceRead<IReadOnlyList<ProviderConnection>>.Ok(
                [.. providers.Select(p => new ProviderConnection { Provider = p, Status = ConnectionStatus.Connected, CreatedOn = TestPulls.Now.AddDays(-30) })]),
            Pulls = SourceRead<UserHistoricalPulls>.Ok(pulls),
            Resources = SourceRead<UserResources>.Ok(UserResources.Empty(pulls.UserId)),
        };
    }

    public async Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default)
    {
        var reads = Start(userId, refresh ? TimeSpan.Zero : null, cancellationToken);
        await reads.WhenAll();
        return Diagnose(reads.Sources(), (await reads.Pulls).AsOf);
    }

    public async Task<UserDiagnosis> GetAsync(string userId, TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var reads = Start(userId, maxAge, cancellationToken);
        await reads.WhenAll();
        return Diagnose(reads.Sources(), (await reads.Pulls).AsOf);
    }

    public UserSourceReads Start(string userId, TimeSpan? maxAge, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _calls.Add(new DiagnosisCall(userId, maxAge == TimeSpan.Zero, maxAge));
        }

        var sources = _sources(userId);
        var trouble = _pullsTrouble?.Invoke(userId);
        var asOf = _asOf ?? TestPulls.Now;
        return new UserSourceReads(
            userId,
            AfterHoldAsync(() => sources.User, cancellationToken),
            AfterHoldAsync(() => sources.Connections, cancellationToken),
            AfterHoldAsync(() => trouble is null ? new Fetched<UserHistoricalPulls>(sources.Pulls.Value!, asOf) : throw trouble, cancellationToken),
            AfterHoldAsync(() => sources.Resources, cancellationToken));
    }

    public UserDiagnosis Diagnose(UserSources sources, DateTimeOffset asOf) => TestPulls.Engine.Diagnose(sources, asOf);

    public Task<string?> ResolveAsync(string clientUserId, CancellationToken cancellationToken = default)
    {
        ResolvedClientUserIds.Add(clientUserId);
        return Task.FromResult(ClientUserIds.GetValueOrDefault(clientUserId));
    }

    /// <summary>The client id <see cref="ClientUserIds"/> maps to the user, else none.</summary>
    public Task<string?> GetClientUserIdAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(ClientUserIds.FirstOrDefault(p => string.Equals(p.Value, userId, StringComparison.OrdinalIgnoreCase)).Key);

    private async Task<T> AfterHoldAsync<T>(Func<T> answer, CancellationToken cancellationToken)
    {
        if (_hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return answer();
    }
}
