using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A team data source the test drives: which snapshot is shown, whether a refresh runs, the last refresh's error,
/// and <see cref="Changed"/> on demand. Counts what pages ask of it.
/// </summary>
internal sealed class FakeTeamSnapshots : ITeamSnapshots
{
    private int _ensureFreshCalls;
    private int _refreshCalls;

    public TeamSnapshot Current { get; set; } = TestSnapshots.Complete();

    public TeamSnapshot? Refreshing { get; set; }

    public string? LastRefreshError { get; set; }

    /// <summary>What the real one says after a Refresh too soon after the last scan.</summary>
    public DateTimeOffset? RefreshAllowedAt { get; set; }

    public int EnsureFreshCalls => Volatile.Read(ref _ensureFreshCalls);

    public int RefreshCalls => Volatile.Read(ref _refreshCalls);

    /// <summary>Whether anyone has looked at the data source at all (a page that must not touch it).</summary>
    public bool Touched => EnsureFreshCalls + RefreshCalls > 0;

    public event Action? Changed;

    public event Action<TeamSnapshot, string?>? ScanEnded;

    /// <summary>What the real one raises when a scan of its own ends.</summary>
    public void EndScan(TeamSnapshot snapshot, string? error) => ScanEnded?.Invoke(snapshot, error);

    public int ListenerCount => Changed?.GetInvocationList().Length ?? 0;

    public void EnsureFresh() => Interlocked.Increment(ref _ensureFreshCalls);

    public void Refresh() => Interlocked.Increment(ref _refreshCalls);

    public Task<TeamSnapshot> WhenCompleteAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    /// <summary>The real one waits briefly for the first users; here they are whatever the test put in.</summary>
    public Task WhenFirstUsersAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        EnsureFresh();
        return Task.CompletedTask;
    }

    public void RaiseChanged() => Changed?.Invoke();
}
