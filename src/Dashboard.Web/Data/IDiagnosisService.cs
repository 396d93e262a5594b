using Dashboard.Diagnosis;

namespace Dashboard.Web.Data;

/// <summary>One user's diagnosis from the shared cache: what both the page and the API show.</summary>
public interface IDiagnosisService
{
    /// <summary>
    /// Diagnoses the user from every source as of the moment their pulls were fetched. <paramref name="userId"/> must
    /// already be a normalized user id (<see cref="Input.InputRules.TryNormalizeUserId"/>). Trouble reading the
    /// historical pulls is a <see cref="Vital.Introspection.VitalApiException"/>; trouble with another source makes a
    /// partial diagnosis (<c>source_unavailable</c>).
    /// </summary>
    Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="GetAsync(string, bool, CancellationToken)"/>, fetching again what is older than <paramref name="maxAge"/>.</summary>
    Task<UserDiagnosis> GetAsync(string userId, TimeSpan maxAge, CancellationToken cancellationToken = default);

    /// <summary>Starts the four reads; <paramref name="maxAge"/> as above (null: whatever the cache holds).</summary>
    UserSourceReads Start(string userId, TimeSpan? maxAge, CancellationToken cancellationToken = default);

    /// <summary>The diagnosis of <paramref name="sources"/> as they stand, as of <paramref name="asOf"/>, with the environment this dashboard reads.</summary>
    UserDiagnosis Diagnose(UserSources sources, DateTimeOffset asOf);

    /// <summary>The Vital user id of the customer's own <paramref name="clientUserId"/>, or null when Vital knows none.</summary>
    Task<string?> ResolveAsync(string clientUserId, CancellationToken cancellationToken = default);

    /// <summary>The user's client user id (reading the user through the cache); null when they have none or Vital knows no such user.</summary>
    Task<string?> GetClientUserIdAsync(string userId, CancellationToken cancellationToken = default);
}
