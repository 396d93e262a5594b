using Dashboard.Diagnosis;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// At start, before the web server listens: loads the team's latest stored state and shows it
/// (<see cref="TeamSnapshotService.ShowStored"/>) while the first scan runs, so the grid is there at once, its
/// "as of" time saying how old it is. Without a stored state, or with the history paused, the first scan fills the
/// grid as before.
/// </summary>
internal sealed partial class TeamStateRestorer(
    TeamSnapshotService snapshots,
    IHistoryReader reader,
    StoreMigrator migrator,
    TeamScope scope,
    RestoredTeam restored,
    DiagnosisEngine engine,
    ILogger<TeamStateRestorer> logger) : IHostedService
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!migrator.IsMigrated)
        {
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            if (await reader.LoadLatestStateAsync(scope.Value, budget.Token).ConfigureAwait(false) is not { } stored)
            {
                return;
            }

            TeamSnapshot? shown = null;
            var accepted = snapshots.ShowStored(generation => shown = StoredTeamSnapshot.Build(generation, stored, engine));
            if (accepted && shown is not null)
            {
                restored.Set(shown);
                LogRestored(logger, shown.Count, stored.CompletedAt, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogSlow(logger, Budget.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, StoreFailure.Describe(ex), ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Showing the team stored at {CompletedAt} ({UserCount} users, loaded in {ElapsedMs} ms) until the first scan completes")]
    private static partial void LogRestored(ILogger logger, int userCount, DateTimeOffset completedAt, long elapsedMs);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Warning, Message = "The stored team was not loaded within {Seconds} s; the first scan fills the grid")]
    private static partial void LogSlow(ILogger logger, double seconds);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "The stored team could not be loaded: {Reason} ({ExceptionType}); the first scan fills the grid")]
    private static partial void LogFailed(ILogger logger, string reason, string exceptionType);
}
