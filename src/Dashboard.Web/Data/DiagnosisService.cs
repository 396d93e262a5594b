using Dashboard.Diagnosis;

namespace Dashboard.Web.Data;

internal sealed class DiagnosisService(IPullRepository repository, DiagnosisEngine engine) : IDiagnosisService
{
    public Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default) =>
        GetAsync(userId, refresh ? TimeSpan.Zero : Timeout.InfiniteTimeSpan, cancellationToken);

    public async Task<UserDiagnosis> GetAsync(string userId, TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var fetched = await repository.GetUserAsync(userId, maxAge == Timeout.InfiniteTimeSpan ? null : maxAge, cancellationToken).ConfigureAwait(false);
        return engine.Diagnose(fetched.Value, fetched.AsOf);
    }
}
