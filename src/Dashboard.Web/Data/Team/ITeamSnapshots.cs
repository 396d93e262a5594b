namespace Dashboard.Web.Data.Team;

/// <summary>
/// The team as the grid, the provider view and the CSV export see it: one snapshot shared by every circuit and
/// request, scanned in the background, never per page view. A stale snapshot keeps serving while its refresh
/// runs; the first scan publishes users as they arrive.
/// </summary>
public interface ITeamSnapshots
{
    /// <summary>The snapshot to show: the last complete one, or the first scan while it runs.</summary>
    TeamSnapshot Current { get; }

    /// <summary>A refresh that is running while <see cref="Current"/> still shows the previous scan.</summary>
    TeamSnapshot? Refreshing { get; }

    /// <summary>The last refresh's failure, while the previous snapshot keeps being shown.</summary>
    string? LastRefreshError { get; }

    /// <summary>Raised (at most a few times a second) when the snapshot grows, completes or is replaced.</summary>
    event Action? Changed;

    /// <summary>
    /// Raised once when a scan of this process's own ends (never for a stored or published team shown): the snapshot
    /// it made and the error it ended with, if any.
    /// </summary>
    event Action<TeamSnapshot, string?>? ScanEnded;

    /// <summary>Starts a scan when none has run or the current one is older than <c>Vital:CacheSeconds</c>.</summary>
    void EnsureFresh();

    /// <summary>
    /// A person asks for the team again: starts a scan unless one is running or the last ended less than
    /// <c>Vital:CacheSeconds</c> ago (15 seconds after a failed one); see <see cref="RefreshAllowedAt"/>.
    /// </summary>
    void Refresh();

    /// <summary>While <see cref="Refresh"/> would start nothing because the last scan is too recent: when it may.</summary>
    DateTimeOffset? RefreshAllowedAt => null;

    /// <summary>Waits until the shown snapshot is complete (starting a scan if needed).</summary>
    Task<TeamSnapshot> WhenCompleteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits, at most <paramref name="patience"/>, until the shown snapshot has users or is complete, so a page's
    /// first render usually shows rows rather than a spinner.
    /// </summary>
    Task WhenFirstUsersAsync(TimeSpan patience, CancellationToken cancellationToken);
}
