using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Store.Hosting;

/// <summary>
/// Deletes transitions and scan summaries older than <c>Store:RetentionDays</c>, soon after start and then every
/// <see cref="Interval"/>. The latest team state is never deleted. A failure is logged and tried again next time.
/// </summary>
public sealed partial class RetentionService(
    StoreDatabase database,
    StoreMigrator migrator,
    IOptions<StoreOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>The first pass waits this long, so it never competes with start-up.</summary>
    public static readonly TimeSpan FirstPassAfter = TimeSpan.FromMinutes(1);

    /// <summary>One pass: returns the rows deleted (transitions, scans).</summary>
    public async Task<(int Transitions, int Scans)> PruneAsync(CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = timeProvider.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var db = database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            var transitions = await db.Transitions.Where(t => t.SeenAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            // Manual refreshes count for an hour; a day of them is plenty to read by hand.
            var refreshCutoff = timeProvider.GetUtcNow().AddDays(-1);
            await db.ManualRefreshes.Where(r => r.SentAt < refreshCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var scans = await db.Scans
                .Where(s => s.CompletedAt < cutoff && !db.TeamStates.Any(state => state.ScanId == s.Id) && !s.Transitions.Any())
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return (transitions, scans);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstPassAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
                var (transitions, scans) = await PruneAsync(stoppingToken).ConfigureAwait(false);
                if (transitions + scans > 0)
                {
                    LogPruned(logger, transitions, scans, options.Value.RetentionDays);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPruneFailed(logger, StoreFailure.Describe(ex), ex.GetType().Name);
            }

            wait = Interval;
        }
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "History retention: deleted {Transitions} changes and {Scans} scan summaries older than {RetentionDays} days")]
    private static partial void LogPruned(ILogger logger, int transitions, int scans, int retentionDays);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "History retention skipped: {Reason} ({ExceptionType}); tried again later")]
    private static partial void LogPruneFailed(ILogger logger, string reason, string exceptionType);
}
