using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Store.Hosting;

/// <summary>
/// Migrates the schema as the host starts, before the web server listens, within <see cref="Budget"/>. A database
/// that is down or locked does not stop the dashboard: history pauses, and the writer tries again with each scan.
/// </summary>
public sealed partial class StoreStartup(StoreDatabase database, StoreMigrator migrator, HistoryStatus status, ILogger<StoreStartup> logger) : IHostedService
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogStore(logger, database.Connection.Description);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            await migrator.EnsureMigratedAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            status.Pause($"the database did not answer within {Budget.TotalSeconds:0} s of starting");
            LogSlow(logger, Budget.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = StoreFailure.Describe(ex);
            status.Pause(reason);
            LogFailed(logger, reason, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "History store: {Database}")]
    private static partial void LogStore(ILogger logger, string database);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "History paused at start: {Reason} ({ExceptionType}); the dashboard runs without it and tries again with each scan")]
    private static partial void LogFailed(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "History paused at start: the database did not answer within {Seconds} s; the dashboard runs without it and tries again with each scan")]
    private static partial void LogSlow(ILogger logger, double seconds);
}
