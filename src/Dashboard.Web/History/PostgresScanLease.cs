using Dashboard.Store.Hosting;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// The scan lease on a PostgreSQL store shared by replicas (ADR 0017): <see cref="RenewAsync"/>, called by
/// <see cref="ScanLeadership"/> every few seconds, takes or keeps the database's scan lock. While the database does not
/// answer, the replica keeps its role for <see cref="IsolatedAfter"/> (a blip changes nothing), then scans on its own
/// (<see cref="ScanRole.Isolated"/>) until it answers again: an ever older grid would be worse than a second scan. One
/// that has never reached the database has nothing to follow and scans on its own at once.
/// </summary>
internal sealed partial class PostgresScanLease(PostgresScanLock scanLock, TimeProvider timeProvider, ILogger<PostgresScanLease> logger)
    : IScanLease, IAsyncDisposable
{
    public static readonly TimeSpan IsolatedAfter = TimeSpan.FromMinutes(2);

    /// <summary>One try's limit: a database that hangs counts as one that does not answer.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private volatile int _role = (int)ScanRole.Follower;
    private DateTimeOffset? _lastAnswer;
    private volatile bool _answered;

    public ScanRole Role => (ScanRole)_role;

    /// <summary>Whether the database has answered a renewal yet (until then a failure makes the replica scan alone at once).</summary>
    internal bool HasAnswered => _answered;

    public async Task<ScanRole> RenewAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        try
        {
            var held = await scanLock.TryHoldAsync(attempt.Token).ConfigureAwait(false);
            _lastAnswer = timeProvider.GetUtcNow();
            _answered = true;
            Become(held ? ScanRole.Leader : ScanRole.Follower);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var silentFor = _lastAnswer is { } last ? timeProvider.GetUtcNow() - last : TimeSpan.MaxValue;
            if (silentFor >= IsolatedAfter && Role != ScanRole.Isolated)
            {
                LogIsolated(logger, StoreFailure.Describe(ex), ex.GetType().Name);
                Become(ScanRole.Isolated);
            }
        }

        return Role;
    }

    /// <summary>Lets go of the lock now (shutting down), so another replica takes over at its next try.</summary>
    public ValueTask DisposeAsync()
    {
        _role = (int)ScanRole.Follower;
        return scanLock.DisposeAsync();
    }

    private void Become(ScanRole role)
    {
        var was = (ScanRole)Interlocked.Exchange(ref _role, (int)role);
        if (was != role)
        {
            LogRole(logger, role, was);
        }
    }

    [LoggerMessage(EventId = 7040, Level = LogLevel.Information, Message = "Team scans: this replica is now {Role} (was {Previous})")]
    private static partial void LogRole(ILogger logger, ScanRole role, ScanRole previous);

    [LoggerMessage(EventId = 7041, Level = LogLevel.Warning, Message = "Team scans: the database has not answered the scan lock for a while ({Reason}, {ExceptionType}); this replica scans on its own until it does")]
    private static partial void LogIsolated(ILogger logger, string reason, string exceptionType);
}
