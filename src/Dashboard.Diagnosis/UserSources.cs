using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// Everything Vital's own support reads about one user, in its order: the user (by Vital's id), the connections, the
/// historical pulls and the ongoing data. Each source was read, not found, unavailable, or not read.
/// </summary>
public sealed record UserSources
{
    public required string UserId { get; init; }

    public SourceRead<VitalUser> User { get; init; } = SourceRead<VitalUser>.NotRead;

    public SourceRead<IReadOnlyList<ProviderConnection>> Connections { get; init; } = SourceRead<IReadOnlyList<ProviderConnection>>.NotRead;

    public SourceRead<UserHistoricalPulls> Pulls { get; init; } = SourceRead<UserHistoricalPulls>.NotRead;

    public SourceRead<UserResources> Resources { get; init; } = SourceRead<UserResources>.NotRead;

    /// <summary>Only the historical pulls (what the team listing gives).</summary>
    public static UserSources FromPulls(UserHistoricalPulls pulls)
    {
        ArgumentNullException.ThrowIfNull(pulls);
        return new UserSources { UserId = pulls.UserId, Pulls = SourceRead<UserHistoricalPulls>.Ok(pulls) };
    }
}
