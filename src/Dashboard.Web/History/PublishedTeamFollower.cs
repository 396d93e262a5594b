using Dashboard.Diagnosis;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Store.Recording;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// A follower's view of the team (ADR 0017): the scanning replica stores each completed scan's team state; this looks
/// at when the stored one completed (no payload) and loads it only when it is newer than the team shown, which it then
/// replaces, its "as of" time saying how old it is; a scan of the scanning replica that failed or was incomplete since
/// is said as a failed refresh. A store that fails keeps the team shown: nothing is ever blanked.
/// </summary>
internal sealed partial class PublishedTeamFollower(
    TeamSnapshotService snapshots,
    IHistoryReader reader,
    TeamScope scope,
    RestoredTeam restored,
    DiagnosisEngine engine,
    ILogger<PublishedTeamFollower> logger,
    IScanProblemStore? problems = null)
{
    private bool _failing;

    /// <summary>
    /// Shows the latest published team if it is newer than the one shown (true when it did), and the scanning replica's
    /// last problem if it is newer still.
    /// </summary>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await ShowNewerTeamAsync(cancellationToken).ConfigureAwait(false);
            await ShowProblemAsync(cancellationToken).ConfigureAwait(false);
            _failing = false;
            return accepted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!_failing)
            {
                _failing = true;
                LogFailed(logger, StoreFailure.Describe(ex), ex.GetType().Name);
            }

            return false;
        }
    }

    private async Task<bool> ShowNewerTeamAsync(CancellationToken cancellationToken)
    {
        var published = await reader.LatestStateAsync(scope.Value, cancellationToken).ConfigureAwait(false);
        if (published is not { CompletedAt: var completedAt } || !IsNewerThanShown(completedAt))
        {
            return false;
        }

        if (await reader.LoadLatestStateAsync(scope.Value, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return false;
        }

        await using var read = stored.ConfigureAwait(false);

        TeamSnapshot? shown = null;
        var accepted = snapshots.ShowPublished(generation =>
        {
            shown = StoredTeamSnapshot.Build(generation, stored, engine);
            // Marked before it is shown: the recorder hears of it as it is shown, and must not record it again.
            restored.Set(shown);
            return shown;
        });
        if (accepted && shown is not null)
        {
            LogShown(logger, shown.Count, stored.CompletedAt);
        }

        return accepted;
    }

    /// <summary>
    /// A scan of the scanning replica that failed or was incomplete after the team shown here completed is said here
    /// as a failed refresh ("The last refresh failed, so this is the earlier list."); a newer team clears it.
    /// </summary>
    private async Task ShowProblemAsync(CancellationToken cancellationToken)
    {
        if (problems is null)
        {
            return;
        }

        var problem = await problems.LatestAsync(scope.Value, cancellationToken).ConfigureAwait(false);
        var shownAt = snapshots.Current.CompletedAt;
        snapshots.ShowPublishedProblem(problem is not null && (shownAt is null || problem.EndedAt > shownAt) ? problem.Problem : null);
    }

    private bool IsNewerThanShown(DateTimeOffset completedAt) =>
        snapshots.Current is not { IsWhole: true, CompletedAt: { } shownAt } || completedAt > shownAt;

    [LoggerMessage(EventId = 7042, Level = LogLevel.Information, Message = "Showing the team the scanning replica published at {CompletedAt} ({UserCount} users)")]
    private static partial void LogShown(ILogger logger, int userCount, DateTimeOffset completedAt);

    [LoggerMessage(EventId = 7043, Level = LogLevel.Warning, Message = "The team the scanning replica published cannot be read: {Reason} ({ExceptionType}); the team shown stays until it can")]
    private static partial void LogFailed(ILogger logger, string reason, string exceptionType);
}
