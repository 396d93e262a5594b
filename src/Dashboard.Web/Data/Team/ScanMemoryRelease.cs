using System.Diagnostics;
using System.Runtime;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Gives the memory a large scan leaves behind back to the system once the scan is published (ADR 0021, 0023). A scan
/// of a 100,000-user team promotes much of what it parses to the oldest generation before it dies, and the background
/// collections that free it do not compact: a third of that generation stayed free but committed after every scan
/// (some 150–180 MB at 100,000 users), and the process kept it between scans. One blocking, compacting collection
/// that also decommits (<see cref="GCCollectionMode.Aggressive"/>) right after a complete scan of at least
/// <see cref="MinimumUsers"/> users returns it, for one pause of a few hundred milliseconds, logged with what it freed.
/// With the history store on, a second one follows the scan's history write (which makes the stored team from the
/// scan, and leaves garbage of its own), so the process rests at the size it holds until the next scan; the first no
/// longer waits for it, so the write does not run on top of the scan's garbage. Smaller teams never pay it: their
/// scans leave little behind.
/// </summary>
internal sealed partial class ScanMemoryRelease(
    ITeamSnapshots snapshots,
    ILogger<ScanMemoryRelease> logger,
    Dashboard.Store.Recording.HistoryWriter? history = null,
    TimeProvider? timeProvider = null)
    : IHostedService, IDisposable
{
    /// <summary>
    /// How long a release waits for the scan's history write: a write that is not made (another replica stored a
    /// newer scan) or not announced releases after this all the same.
    /// </summary>
    internal static readonly TimeSpan HistoryWriteWait = TimeSpan.FromMinutes(2);

    /// <summary>The smallest complete team after whose scan memory is released.</summary>
    internal int MinimumUsers { get; init; } = 10_000;

    /// <summary>Whether a release waits for the scan's history write (the store is on).</summary>
    internal bool AwaitsHistoryWrite { get; init; } = history is not null;

    private int _subscribed;

    /// <summary>The users of a large scan whose history write is awaited; 0 for none.</summary>
    private int _awaitingWrite;

    /// <summary>The collection itself; a test counts calls instead.</summary>
    internal Action Collect { get; init; } = static () =>
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    };

    /// <summary>The last release (tests wait for it).</summary>
    internal Task Released { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            snapshots.ScanEnded += OnScanEnded;
            if (history is not null)
            {
                history.Written += OnWritten;
                history.WriteFailed += OnWriteFailed;
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _subscribed, 0) == 1)
        {
            snapshots.ScanEnded -= OnScanEnded;
            if (history is not null)
            {
                history.Written -= OnWritten;
                history.WriteFailed -= OnWriteFailed;
            }
        }
    }

    internal void OnScanEnded(TeamSnapshot snapshot, string? error)
    {
        // A failed scan was not published: the team shown before it is still in use, and the next scan comes soon.
        if (error is not null || !snapshot.IsComplete || snapshot.Count < MinimumUsers)
        {
            return;
        }

        Release(snapshot.Count);
        if (AwaitsHistoryWrite)
        {
            Volatile.Write(ref _awaitingWrite, snapshot.Count);
            _ = ReleaseAfterWaitAsync();
        }
    }

    private async Task ReleaseAfterWaitAsync()
    {
        await Task.Delay(HistoryWriteWait, timeProvider ?? TimeProvider.System).ConfigureAwait(false);
        OnHistoryWriteEnded();
    }

    /// <summary>
    /// The history write of a scan ended (a write that failed is tried again later: the scan's garbage is given back
    /// now all the same). Only a large scan's awaited write releases, once.
    /// </summary>
    internal void OnHistoryWriteEnded()
    {
        if (Interlocked.Exchange(ref _awaitingWrite, 0) is > 0 and var users)
        {
            Release(users);
        }
    }

    private void Release(int users)
    {
        Released = Task.Run(() =>
        {
            try
            {
                var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
                var started = Stopwatch.GetTimestamp();
                Collect();
                var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
                LogReleased(logger, users, Math.Max(0, before - after) / 1_000_000, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex)
            {
                // Nothing depends on it: a scan is never failed by the memory it could not give back.
                LogFailed(logger, ex);
            }
        });
    }

    private void OnWritten(Dashboard.Store.Recording.ScanWritten written) => OnHistoryWriteEnded();

    private void OnWriteFailed(string exceptionType, TimeSpan elapsed) => OnHistoryWriteEnded();

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Memory after the scan of {UserCount} users released: {FreedMb} MB committed less, in {PauseMs:F0} ms")]
    private static partial void LogReleased(ILogger logger, int userCount, long freedMb, double pauseMs);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Memory after a scan could not be released")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
