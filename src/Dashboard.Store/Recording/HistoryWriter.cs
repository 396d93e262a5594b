using System.Threading.Channels;
using Dashboard.Store.Alerts;
using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Dashboard.Store.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Store.Recording;

/// <summary>
/// Writes completed scans in the background, one at a time: the changes since the stored state, a summary row, and the
/// new state, in one transaction. The queue holds one waiting scan (a newer one replaces it: its state supersedes the
/// older one, so only intermediate flickers are lost). When the database fails, history pauses
/// (<see cref="IHistoryStatus"/>), the scan is tried again with back-off, and the first success resumes it. With alerts on
/// (<see cref="AlertQueueOptions"/>), a scan that saw critical problems not open before also queues one alert row, in the
/// same transaction: no history written, no alert (a paused store never risks announcing a problem twice).
/// </summary>
public sealed partial class HistoryWriter : BackgroundService, IHistoryRecorder
{
    /// <summary>Rows added per SaveChanges, so a large change set never sits in one change tracker.</summary>
    internal const int ChunkSize = 2000;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private readonly Channel<CompletedScan> _queue;
    private readonly StoreDatabase _database;
    private readonly StoreMigrator _migrator;
    private readonly HistoryStatus _status;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HistoryWriter> _logger;
    private readonly bool _queueAlerts;

    public HistoryWriter(
        StoreDatabase database,
        StoreMigrator migrator,
        HistoryStatus status,
        TimeProvider timeProvider,
        ILogger<HistoryWriter> logger,
        IOptions<AlertQueueOptions>? alerts = null)
    {
        _queueAlerts = alerts?.Value.Enabled ?? false;
        _database = database;
        _migrator = migrator;
        _status = status;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = Channel.CreateBounded<CompletedScan>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => LogSuperseded(_logger, dropped.CompletedAt));
    }

    /// <summary>The longest wait between two tries while the database fails.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Raised after each scan is written (tests, metrics, and whoever wants to know the history moved).</summary>
    public event Action<ScanWritten>? Written;

    /// <summary>Raised when writing a scan failed and will be tried again: the exception's type name and the write's time.</summary>
    public event Action<string, TimeSpan>? WriteFailed;

    public void Record(CompletedScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        _queue.Writer.TryWrite(scan);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_queue.Reader.TryRead(out var scan))
                {
                    await WriteWithRetriesAsync(scan, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a scan still waiting is not written (the next start scans again).
        }
    }

    private async Task WriteWithRetriesAsync(CompletedScan scan, CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        TeamState? state = null;
        while (true)
        {
            try
            {
                state ??= scan.State();
            }
            catch (Exception ex)
            {
                // A mapping bug, not the database: nothing to retry.
                LogStateFailed(_logger, ex);
                return;
            }

            var started = _timeProvider.GetTimestamp();
            try
            {
                var written = await WriteAsync(scan, state, stoppingToken).ConfigureAwait(false) is { } done
                    ? done with { Elapsed = _timeProvider.GetElapsedTime(started) }
                    : null;
                if (_status.IsPaused)
                {
                    LogResumed(_logger);
                }

                _status.Resume();
                if (written is not null)
                {
                    LogWritten(_logger, written.Changes, written.ScanId, written.Baseline);
                    Written?.Invoke(written);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                var reason = StoreFailure.Describe(ex);
                LogWriteFailed(_logger, reason, delay.TotalSeconds, ex.GetType().Name);
                _status.Pause(reason);
                WriteFailed?.Invoke(ex.GetType().Name, _timeProvider.GetElapsedTime(started));
            }

            // Wait before trying again; a newer scan arriving meanwhile is written instead (it supersedes this one).
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var newer = _queue.Reader.WaitToReadAsync(wake.Token).AsTask();
                var pause = Task.Delay(delay, _timeProvider, wake.Token);
                await Task.WhenAny(newer, pause).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
            }

            if (_queue.Reader.TryRead(out var next))
            {
                LogSuperseded(_logger, scan.CompletedAt);
                scan = next;
                state = null;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task<ScanWritten?> WriteAsync(CompletedScan scan, TeamState state, CancellationToken cancellationToken)
    {
        await _migrator.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);

        // The payload, the counts and the pulls in one pass over the team, before any lock is taken: a lazily made
        // state (MappedUsers) then makes each user once here and once more in the diff, and never holds the team.
        // The payload goes to a file and from there into the database as a stream: at 100,000 users it is some 90 MB,
        // which as an array (and the buffer it was copied from) stayed committed in the large-object heap after each write.
        var counts = new ScanCounts();
        long pulls = 0;
        var newPayload = SpillFile();
        await using var payloadFile = newPayload.ConfigureAwait(false);
        TeamStateSerializer.Serialize(
            state,
            newPayload,
            user =>
            {
                counts.Add(user);
                pulls += user.Pulls.Count;
            });

        var db = _database.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await db.LockScopeForWriteAsync(scan.Scope, cancellationToken).ConfigureAwait(false);

                var stored = await db.TeamStates.AsNoTracking()
                    .Where(s => s.Scope == scan.Scope)
                    .Select(s => new { s.ScanId, s.CompletedAt, s.Format })
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (stored is not null && stored.CompletedAt >= scan.CompletedAt)
                {
                    // Another replica already stored a newer scan of this team.
                    LogOlderThanStored(_logger, scan.CompletedAt, stored.CompletedAt);
                    return null;
                }

                // The stored team is read one user at a time as the diff goes, streamed from the database: never two
                // whole teams in memory, nor the stored payload as one array.
                IEnumerable<UserState>? previous = null;
                List<Transition> transitions = [];
                if (stored is not null && await db.OpenTeamStatePayloadAsync(scan.Scope, cancellationToken).ConfigureAwait(false) is { } payload)
                {
                    await using (payload.ConfigureAwait(false))
                    {
                        previous = TeamStateSerializer.ReadUsers(payload.Stream, stored.Format);
                        if (previous is not null)
                        {
                            try
                            {
                                transitions = TeamStateDiff.Compare(previous, state);
                            }
                            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or System.Text.Json.JsonException)
                            {
                                // A stored team that cannot be read (damaged, or cut short) would fail every write from
                                // now on: this scan starts the history afresh instead, as a baseline that replaces it.
                                LogStoredUnreadable(_logger, ex.GetType().Name);
                                previous = null;
                            }
                        }
                    }
                }

                var record = new ScanRecord
                {
                    Scope = scan.Scope,
                    StartedAt = scan.StartedAt,
                    CompletedAt = scan.CompletedAt,
                    DurationMs = (long)Math.Max(0, (scan.CompletedAt - scan.StartedAt).TotalMilliseconds),
                    Users = state.Users.Count,
                    Pulls = (int)Math.Min(pulls, int.MaxValue),
                    UpstreamCalls = scan.UpstreamCalls,
                    Changes = transitions.Count,
                    Baseline = previous is null,
                    Counts = counts.ToJson(),
                };
                db.Scans.Add(record);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();

                foreach (var chunk in transitions.Chunk(ChunkSize))
                {
                    db.Transitions.AddRange(chunk.Select(t => new TransitionRecord
                    {
                        ScanId = record.Id,
                        SeenAt = scan.CompletedAt,
                        Kind = t.Kind,
                        UserId = t.UserId,
                        Provider = t.Provider,
                        Resource = t.Resource,
                        Code = t.Code,
                        FromValue = t.FromValue,
                        ToValue = t.ToValue,
                    }));
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                }

                AlertRecord? alert = null;
                var newCriticals = _queueAlerts ? transitions.Count(CriticalProblems.IsNew) : 0;
                if (newCriticals > 0)
                {
                    alert = new AlertRecord { ScanId = record.Id, Scope = scan.Scope, CreatedAt = scan.CompletedAt, Problems = newCriticals };
                    db.Alerts.Add(alert);
                }

                var row = new TeamStateRecord
                {
                    Scope = scan.Scope,
                    ScanId = record.Id,
                    CompletedAt = scan.CompletedAt,
                    Users = state.Users.Count,
                    Format = TeamStateSerializer.Format,
                    Payload = [],
                };
                if (stored is null)
                {
                    db.TeamStates.Add(row);
                }
                else
                {
                    db.TeamStates.Update(row);
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await db.WriteTeamStatePayloadAsync(scan.Scope, newPayload, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                return new ScanWritten(scan.Scope, record.Id, scan.CompletedAt, transitions.Count, previous is null, alert?.Id);
            }
        }
    }

    /// <summary>A file for the payload in the temporary folder (a tmpfs in the compose file), gone when it is closed.</summary>
    private static FileStream SpillFile() => new(
        Path.Combine(Path.GetTempPath(), $"dashboard-team-state-{Guid.NewGuid():N}.tmp"),
        new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 1 << 16,
        });

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "History: {Changes} changes recorded (scan {ScanId}, baseline {Baseline})")]
    private static partial void LogWritten(ILogger logger, int changes, long scanId, bool baseline);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "History paused: {Reason}; trying again in {RetrySeconds} s ({ExceptionType})")]
    private static partial void LogWriteFailed(ILogger logger, string reason, double retrySeconds, string exceptionType);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "History resumed: the database is writable again")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "History: the scan completed at {CompletedAt} was not written, a newer one replaces it")]
    private static partial void LogSuperseded(ILogger logger, DateTimeOffset completedAt);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Error, Message = "History: the team state could not be made from the scan")]
    private static partial void LogStateFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7016, Level = LogLevel.Warning, Message = "History: the stored team state could not be read ({ExceptionType}); this scan is written as a new baseline and replaces it")]
    private static partial void LogStoredUnreadable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Information, Message = "History: the scan completed at {CompletedAt} is older than the stored one ({StoredAt}); not written")]
    private static partial void LogOlderThanStored(ILogger logger, DateTimeOffset completedAt, DateTimeOffset storedAt);
}
