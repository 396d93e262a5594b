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

    /// <summary>As <see cref="GetAsync(string, bool, CancellationToken)"/>, fetching again when the cached answer is older than <paramref name="maxAge"/>.</summary>
    Task<UserDiagnosis> GetAsync(string userId, TimeSpan maxAge, CancellationToken cancellationToken = default);
}
