using Dashboard.Diagnosis;
using Dashboard.Web.Api;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data;

internal sealed class DiagnosisService(IVitalRepository repository, DiagnosisEngine engine, IOptions<VitalOptions> options) : IDiagnosisService
{
    private readonly VitalEnvironment? _environment = options.Value.EffectiveMode == VitalMode.Live ? VitalEnvironment.FromApiKey(options.Value.ApiKey) : null;

    public Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default) =>
        GetAsync(userId, refresh ? TimeSpan.Zero : Timeout.InfiniteTimeSpan, cancellationToken);

    public async Task<UserDiagnosis> GetAsync(string userId, TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var reads = Start(userId, maxAge == Timeout.InfiniteTimeSpan ? null : maxAge, cancellationToken);
        await reads.WhenAll().ConfigureAwait(false);
        var pulls = await reads.Pulls.ConfigureAwait(false);
        return Diagnose(reads.Sources(), pulls.AsOf);
    }

    public UserSourceReads Start(string userId, TimeSpan? maxAge, CancellationToken cancellationToken = default) => new(
        userId,
        ReadAsync(async ct => SourceRead<VitalUser>.Found((await repository.GetProfileAsync(userId, maxAge, ct).ConfigureAwait(false)).Value), cancellationToken),
        ReadAsync(async ct => SourceRead<IReadOnlyList<ProviderConnection>>.Found((await repository.GetConnectionsAsync(userId, maxAge, ct).ConfigureAwait(false)).Value), cancellationToken),
        repository.GetPullsAsync(userId, maxAge, cancellationToken),
        ReadAsync(async ct => SourceRead<UserResources>.Ok((await repository.GetResourcesAsync(userId, maxAge, ct).ConfigureAwait(false)).Value), cancellationToken));

    public async Task<string?> GetClientUserIdAsync(string userId, CancellationToken cancellationToken = default) =>
        (await repository.GetProfileAsync(userId, cancellationToken: cancellationToken).ConfigureAwait(false)).Value?.ClientUserId;

    public UserDiagnosis Diagnose(UserSources sources, DateTimeOffset asOf) =>
        engine.Diagnose(sources, asOf) with
        {
            Environment = _environment?.Environment,
            Region = _environment?.Region,
        };

    public async Task<string?> ResolveAsync(string clientUserId, CancellationToken cancellationToken = default) =>
        (await repository.ResolveAsync(clientUserId, cancellationToken: cancellationToken).ConfigureAwait(false)).Value?.UserId;

    /// <summary>A source other than the pulls: trouble is a partial diagnosis in words, not a failed page.</summary>
    private static async Task<SourceRead<T>> ReadAsync<T>(Func<CancellationToken, Task<SourceRead<T>>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (VitalApiException ex)
        {
            return SourceRead<T>.Unavailable(UpstreamProblems.Describe(ex).Detail);
        }
    }
}
