using Dashboard.Diagnosis;

namespace Dashboard.Web.Data;

/// <summary>One user's diagnosis from the shared cache: what both the page and the API show.</summary>
public interface IDiagnosisService
{
    /// <summary>
    /// Diagnoses the user as of the moment their pulls were fetched. <paramref name="userId"/> must already be a
    /// normalized user id (<see cref="Input.InputRules.TryNormalizeUserId"/>). Upstream trouble is a
    /// <see cref="Vital.Introspection.VitalApiException"/>.
    /// </summary>
    Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default);
}

internal sealed class DiagnosisService(IPullRepository repository, DiagnosisEngine engine) : IDiagnosisService
{
    public async Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default)
    {
        var fetched = await repository.GetUserAsync(userId, refresh, cancellationToken).ConfigureAwait(false);
        return engine.Diagnose(fetched.Value, fetched.AsOf);
    }
}
