using Dashboard.Diagnosis;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// At start: shows the team's latest stored state while the first scan runs, so the grid is there at once, its "as of"
/// time saying how old it is. Before the web server listens it only looks at when that state was stored and how many
/// users it holds (one small query) and shows it as loading (<see cref="TeamSnapshotService.BeginStored"/>); its users
/// are read in the background and come in as a scan's do, so the first rows show while the rest are read (ADR 0019).
/// Without a stored state, or with the history paused, the first scan fills the grid as before; a state that cannot be
/// read to its end is never passed off as the team.
/// </summary>
internal sealed partial class TeamStateRestorer(
    TeamSnapshotService snapshots,
    IHistoryReader reader,
    StoreMigrator migrator,
    TeamScope scope,
    RestoredTeam restored,
    DiagnosisEngine engine,
    ILogger<TeamStateRestorer> logger) : BackgroundService
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private TeamSnapshot? _shown;
    private long _started;

    /// <summary>The background read of the stored users (done at once when there is none).</summary>
    internal Task Loading => ExecuteTask ?? Task.CompletedTask;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (migrator.IsMigrated)
        {
            _started = TimeProvider.System.GetTimestamp();
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(Budget);
            try
            {
                if (await reader.LatestStateAsync(scope.Value, budget.Token).ConfigureAwait(false) is { } head
                    && snapshots.BeginStored(head.CompletedAt, head.Users) is { } shown)
                {
                    // Marked before its users come: the recorder must never record it again.
                    restored.Set(shown);
                    _shown = shown;
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

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _shown is { } shown ? Task.Run(() => LoadAsync(shown, stoppingToken), CancellationToken.None) : Task.CompletedTask;

    private async Task LoadAsync(TeamSnapshot shown, CancellationToken stoppingToken)
    {
        DateTimeOffset? completedAt = null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        budget.CancelAfter(Budget);
        try
        {
            if (await reader.LoadLatestStateAsync(scope.Value, budget.Token).ConfigureAwait(false) is { } stored)
            {
                await using var read = stored.ConfigureAwait(false);
                StoredTeamSnapshot.Fill(shown, stored, engine, snapshots.ReportStored, budget.Token);
                completedAt = stored.CompletedAt;
                LogRestored(logger, shown.Count, stored.CompletedAt, (long)TimeProvider.System.GetElapsedTime(_started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogSlow(logger, Budget.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogFailed(logger, StoreFailure.Describe(ex), ex.GetType().Name);
        }
        finally
        {
            snapshots.EndStored(shown, completedAt);
        }
    }

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Showing the team stored at {CompletedAt} ({UserCount} users, loaded in {ElapsedMs} ms) until the first scan completes")]
    private static partial void LogRestored(ILogger logger, int userCount, DateTimeOffset completedAt, long elapsedMs);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Warning, Message = "The stored team was not loaded within {Seconds} s; the first scan fills the grid")]
    private static partial void LogSlow(ILogger logger, double seconds);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "The stored team could not be loaded: {Reason} ({ExceptionType}); the first scan fills the grid")]
    private static partial void LogFailed(ILogger logger, string reason, string exceptionType);
}
