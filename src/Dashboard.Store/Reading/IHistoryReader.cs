namespace Dashboard.Store.Reading;

/// <summary>Reads the history. Every call may throw when the database fails; callers show that and carry on.</summary>
public interface IHistoryReader
{
    Task<ProblemChanges> GetProblemChangesAsync(string scope, ChangesFilter filter, CancellationToken cancellationToken);

    /// <summary>Every recorded change of one user's pulls, connections and findings (the newest <paramref name="limit"/> rows).</summary>
    Task<UserHistory> GetUserHistoryAsync(string scope, string userId, int limit, CancellationToken cancellationToken);

    /// <summary>One provider since <paramref name="since"/>: counts per day, and scheduled-to-ended times per resource.</summary>
    Task<ProviderTrends> GetProviderTrendsAsync(string scope, string provider, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The latest state of the scope, or null when none is stored (or it is of a format this version cannot read).</summary>
    Task<StoredTeamState?> LoadLatestStateAsync(string scope, CancellationToken cancellationToken);

    /// <summary>
    /// When the scan behind the latest stored state of the scope completed and how many users it holds, or null when
    /// none is stored: a cheap look (no payload) for a replica that follows another's scans and loads the state only
    /// when it is newer, and for a restart that shows the stored team while it reads it.
    /// </summary>
    Task<StoredStateHead?> LatestStateAsync(string scope, CancellationToken cancellationToken);
}
