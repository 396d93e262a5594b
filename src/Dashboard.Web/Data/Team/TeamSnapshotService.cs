using Dashboard.Diagnosis;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

internal sealed partial class TeamSnapshotService : ITeamSnapshots, IDisposable
{
    private static readonly TimeSpan NotifyEvery = TimeSpan.FromMilliseconds(300);

    /// <summary>A failed scan is tried again on the next look after this long (the page also offers a retry).</summary>
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromSeconds(15);

    /// <summary>How often a per-provider scan is checked against a plain walk for providers the spec does not list.</summary>
    internal static readonly TimeSpan DiscoveryInterval = TimeSpan.FromHours(6);

    private readonly ITeamScanner _scanner;
    private readonly IScanLease _lease;
    private readonly SequentialTeamScanner _walker;
    private readonly ProviderDiscovery _discovery;
    private DateTimeOffset? _lastDiscoveryWalk;
    private int _discoveryRunning;
    private readonly DiagnosisEngine _engine;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TeamSnapshotService> _logger;
    private readonly TimeSpan _maxAge;
    private readonly StringPool _pool = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();

    private TeamSnapshot _current = TeamSnapshot.NotStarted;
    private TeamSnapshot? _refreshing;

    /// <summary>A stored team being read (<see cref="BeginStored"/>), and what was shown before it, under <see cref="_gate"/>.</summary>
    private TeamSnapshot? _loading;
    private TeamSnapshot? _shownBeforeLoading;

    /// <summary>A page looked while the stored team loaded: its end checks whether a scan is due.</summary>
    private bool _lookedWhileLoading;

    /// <summary>A scan runs (set by <see cref="Refresh"/>, cleared when it publishes): one scan at a time.</summary>
    private bool _scanning;

    /// <summary>When the last scan completed or failed (under <see cref="_gate"/>): forced scans wait after it.</summary>
    private DateTimeOffset? _lastScanEnded;
    private TaskCompletionSource<TeamSnapshot> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _generation;
    private long _lastNotifyTicks;

    /// <summary>A notification held back by the throttle, due at the end of its window.</summary>
    private ITimer? _pendingNotify;
    private int _disposed;

    public TeamSnapshotService(
        ITeamScanner scanner,
        SequentialTeamScanner walker,
        ProviderDiscovery discovery,
        DiagnosisEngine engine,
        IScanLease lease,
        IOptions<VitalOptions> options,
        TimeProvider timeProvider,
        ILogger<TeamSnapshotService> logger)
    {
        _scanner = scanner;
        _lease = lease;
        _walker = walker;
        _discovery = discovery;
        _engine = engine;
        _timeProvider = timeProvider;
        _logger = logger;
        _maxAge = TimeSpan.FromSeconds(Math.Max(5, options.Value.CacheSeconds));
    }

    public event Action? Changed;

    public event Action<TeamSnapshot, string?>? ScanEnded;

    public TeamSnapshot Current => Volatile.Read(ref _current);

    public TeamSnapshot? Refreshing => Volatile.Read(ref _refreshing);

    public string? LastRefreshError { get; private set; }

    /// <summary>Distinct pooled strings: a measure of how well the snapshot shares its text.</summary>
    internal int PooledStrings => _pool.Count;

    public void EnsureFresh()
    {
        var current = Current;
        if (current.IsLoadingStored)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_loading, Current))
                {
                    _lookedWhileLoading = true;
                    return;
                }
            }

            current = Current;
        }

        var age = current.IsComplete ? _timeProvider.GetUtcNow() - current.CompletedAt!.Value : TimeSpan.Zero;
        var stale = !current.HasStarted
            || (current.IsComplete && age > _maxAge)
            || ((current.Error is not null || current.IsIncomplete) && age > RetryFailedAfter);
        if (stale)
        {
            Scan();
        }
    }

    public DateTimeOffset? RefreshAllowedAt
    {
        get
        {
            lock (_gate)
            {
                return NextForcedScanAt();
            }
        }
    }

    /// <summary>
    /// A person's Refresh (any page, any circuit): a new scan only when the last one ended at least
    /// <c>Vital:CacheSeconds</c> ago (after a failed one, 15 seconds), so clicking cannot make the dashboard walk the
    /// whole team again and again. The scans the service starts itself (stale, discovery) are not held back.
    /// </summary>
    public void Refresh()
    {
        lock (_gate)
        {
            if (NextForcedScanAt() is { } allowedAt)
            {
                LogRefreshTooSoon(_logger, allowedAt);
                return;
            }
        }

        Scan();
    }

    private DateTimeOffset? NextForcedScanAt()
    {
        if (_lastScanEnded is not { } ended)
        {
            return null;
        }

        var failed = Current.Error is not null || Current.IsIncomplete || LastRefreshError is not null;
        var allowedAt = ended + (failed ? RetryFailedAfter : _maxAge);
        return allowedAt > _timeProvider.GetUtcNow() ? allowedAt : null;
    }

    /// <summary>Starts a scan now unless one is running, or another replica scans the team (this one follows it).</summary>
    private void Scan()
    {
        lock (_gate)
        {
            if (_scanning || _stopping.IsCancellationRequested || !_lease.MayScan)
            {
                return;
            }

            _scanning = true;

            // A stored team still being read counts as shown: the scan goes on behind it.
            var shown = Current.HasStarted && ((Current.IsComplete && Current.Error is null) || Current.IsLoadingStored) ? Current : null;
            var snapshot = new TeamSnapshot(++_generation, _timeProvider.GetUtcNow(), sharesWith: shown);
            if (shown is not null)
            {
                _refreshing = snapshot;
            }
            else
            {
                // Nothing good to keep showing: publish the new scan as it fills.
                Volatile.Write(ref _current, snapshot);
                if (_completed.Task.IsCompleted)
                {
                    _completed = new TaskCompletionSource<TeamSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            _ = Task.Run(() => ScanAsync(snapshot, _stopping.Token));
        }

        Notify(force: true);
    }

    /// <summary>
    /// Starts showing a team kept from an earlier run (the history store, at start) while it is read, so a restart
    /// shows its first rows at once, its "as of" time saying how old it is; the reader adds its users
    /// (<see cref="ReportStored"/>) and ends with <see cref="EndStored"/>. Refused (null) once a scan has completed
    /// without error; a first scan already running goes on behind it as a refresh and replaces it when done. While it
    /// loads nothing scans by itself (the load has both cores): a look during it starts the scan after it.
    /// </summary>
    internal TeamSnapshot? BeginStored(DateTimeOffset storedAt, int storedUsers)
    {
        TeamSnapshot stored;
        lock (_gate)
        {
            var current = Current;
            if (_stopping.IsCancellationRequested || (current.IsComplete && current.Error is null) || _refreshing is not null || _loading is not null)
            {
                return null;
            }

            stored = TeamSnapshot.FromStore(++_generation, storedAt, storedUsers);
            if (_scanning)
            {
                _refreshing = current;
            }

            _shownBeforeLoading = current;
            _loading = stored;
            Volatile.Write(ref _current, stored);
            if (_completed.Task.IsCompleted)
            {
                _completed = new TaskCompletionSource<TeamSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        Notify(force: true);
        return stored;
    }

    /// <summary>More of the stored team is read: tells the pages (at most every 300 ms, as a scan's pages do).</summary>
    internal void ReportStored() => Notify(force: false);

    /// <summary>
    /// The stored team is read to its end (<paramref name="completedAt"/>, when its scan completed) and is the team
    /// until a scan of this run replaces it; or it could not be (null): what was read is never passed off as the team,
    /// and the page goes back to the first scan running behind it, or to none yet.
    /// </summary>
    internal void EndStored(TeamSnapshot stored, DateTimeOffset? completedAt)
    {
        TaskCompletionSource<TeamSnapshot>? completed = null;
        bool looked;
        lock (_gate)
        {
            if (!ReferenceEquals(_loading, stored))
            {
                return;
            }

            _loading = null;
            looked = _lookedWhileLoading;
            _lookedWhileLoading = false;
            var shown = ReferenceEquals(Current, stored);
            if (completedAt is { } at)
            {
                stored.Complete(at);
                completed = shown ? _completed : null;
            }
            else if (shown)
            {
                var back = _refreshing ?? _shownBeforeLoading ?? TeamSnapshot.NotStarted;
                _refreshing = null;
                Volatile.Write(ref _current, back);
            }

            _shownBeforeLoading = null;
        }

        // The stored team read to its end says how large each provider was: the first scan of this run starts the
        // largest walks at once, without the sample a scan sends when no size is known. A scan of this run that ended
        // first knows better.
        if (completedAt is not null && !_discovery.HasSizes)
        {
            _discovery.RecordSizes(UsersPerProvider(stored));
        }

        completed?.TrySetResult(stored);
        Notify(force: true);
        if (looked)
        {
            EnsureFresh();
        }
    }

    /// <summary>
    /// A follower's view (ADR 0017): the team the scanning replica published, loaded from the store, replaces the one
    /// shown. Refused while a scan of this replica's own runs (it led a moment ago): that scan's result is as new.
    /// </summary>
    internal bool ShowPublished(Func<long, TeamSnapshot> build)
    {
        long generation;
        lock (_gate)
        {
            generation = ++_generation;
        }

        // Built outside the gate: a large team takes a while, and pages read the current snapshot meanwhile.
        var published = build(generation);
        TaskCompletionSource<TeamSnapshot> completed;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _scanning)
            {
                return false;
            }

            Volatile.Write(ref _current, published);
            _lastScanEnded = published.CompletedAt;
            LastRefreshError = null;
            if (_completed.Task.IsCompleted)
            {
                _completed = new TaskCompletionSource<TeamSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            completed = _completed;
        }

        // The scanning replica's team is newer than any this replica scanned: its sizes order this replica's walks if it
        // takes over the scans.
        _discovery.RecordSizes(UsersPerProvider(published));
        completed.TrySetResult(published);
        Notify(force: true);
        return true;
    }

    public async Task<TeamSnapshot> WhenCompleteAsync(CancellationToken cancellationToken)
    {
        EnsureFresh();
        var current = Current;
        if (current.IsComplete)
        {
            return current;
        }

        Task<TeamSnapshot> completed;
        lock (_gate)
        {
            completed = _completed.Task;
        }

        return await completed.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WhenFirstUsersAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        EnsureFresh();
        if (Current.Count > 0 || Current.IsComplete)
        {
            return;
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged()
        {
            if (Current.Count > 0 || Current.IsComplete)
            {
                ready.TrySetResult();
            }
        }

        Changed += OnChanged;
        try
        {
            OnChanged();
            await ready.Task.WaitAsync(patience, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Show the page with its progress instead.
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    public void Dispose()
    {
        // Registered both as itself and as ITeamSnapshots, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        lock (_gate)
        {
            _pendingNotify?.Dispose();
            _pendingNotify = null;
        }
    }

    private async Task ScanAsync(TeamSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var telemetry = Observability.TeamScanTelemetry.Start(this, snapshot);
        var pages = 0;
        var scopesDone = 0;
        var withoutId = 0;
        var gaps = new List<ScanGap>();
        var started = _timeProvider.GetTimestamp();

        // A rescan beside the team shown is not seen until it completes: its users are diagnosed once at the end,
        // after their last provider is read, rather than at each provider's page (most of a rescan's garbage).
        var diagnoseNow = ReferenceEquals(Current, snapshot);

        // Shown after all (the stored team it ran behind could not be read): diagnose what is in, then go on eagerly.
        void DiagnoseIfShown()
        {
            if (!diagnoseNow && ReferenceEquals(Current, snapshot))
            {
                snapshot.DiagnosePending(_engine, _pool, shown: true);
                diagnoseNow = true;
            }
        }

        var progress = new SynchronousProgress(() => Interlocked.Increment(ref scopesDone));
        try
        {
            await foreach (var batch in _scanner.ScanAsync(progress, cancellationToken).ConfigureAwait(false))
            {
                if (batch.Gaps.Count > 0)
                {
                    gaps.AddRange(batch.Gaps);
                    continue;
                }

                DiagnoseIfShown();
                pages++;

                foreach (var user in batch.Users)
                {
                    if (string.IsNullOrWhiteSpace(user.UserId))
                    {
                        // The spec's own example has "user_id": "". Such an entry cannot be looked up or linked to.
                        withoutId++;
                        continue;
                    }

                    if (snapshot.TryGet(user.UserId, out var existing))
                    {
                        snapshot.Upsert(existing.MergeWith(user, _engine, batch.AsOf, _pool, diagnoseNow));
                    }
                    else
                    {
                        snapshot.Upsert(TeamUser.Create(user, _engine, batch.AsOf, _pool, diagnoseNow));
                    }
                }

                foreach (var ongoing in batch.Ongoing)
                {
                    if (string.IsNullOrWhiteSpace(ongoing.UserId))
                    {
                        withoutId++;
                        continue;
                    }

                    if (snapshot.TryGet(ongoing.UserId, out var known))
                    {
                        snapshot.Upsert(known.WithOngoing(ongoing, _engine, batch.AsOf, _pool, diagnoseNow));
                    }
                    else
                    {
                        snapshot.Upsert(TeamUser.FromOngoing(ongoing, _engine, batch.AsOf, _pool, diagnoseNow));
                    }
                }

                snapshot.Report(new ScanProgress(pages, snapshot.Count, Volatile.Read(ref scopesDone), _scanner.ScopeCount));
                Notify(force: false);
            }

            if (!diagnoseNow)
            {
                snapshot.DiagnosePending(_engine, _pool, shown: false);
            }

            snapshot.Report(new ScanProgress(pages, snapshot.Count, _scanner.ScopeCount, _scanner.ScopeCount));
            if (withoutId > 0)
            {
                LogWithoutUserId(_logger, withoutId);
            }

            if (gaps.Count > 0)
            {
                // Out of patience on some walks: publish what was read, marked, with what the snapshot shown until
                // now knew beyond the gaps; the next scan (due sooner, as after a failure) tries again.
                var read = snapshot.Count;
                var carried = SnapshotCarryOver.Apply(PreviousToKeep(snapshot), snapshot, gaps, _engine, _pool);
                if (snapshot.Count == 0)
                {
                    // Nothing read and nothing to keep: no team to show, so this is the upstream's failure, as before.
                    var upstream = gaps[0].Exception ?? new VitalApiException(gaps[0].Kind, gaps[0].Problem);
                    LogScanFailed(_logger, upstream.Kind, 0, pages);
                    snapshot.Fail(upstream.Message, _timeProvider.GetUtcNow(), upstream);
                    Publish(snapshot, upstream.Message);
                    return;
                }

                snapshot.Report(new ScanProgress(pages, snapshot.Count, _scanner.ScopeCount, _scanner.ScopeCount));
                snapshot.CompleteIncomplete(_timeProvider.GetUtcNow(), gaps, carried);
                LogIncomplete(_logger, read, pages, gaps.Count, string.Join(", ", gaps.Select(g => g.Scope)), carried);
                Publish(snapshot, error: null);
                return;
            }

            snapshot.Complete(_timeProvider.GetUtcNow());

            LogScanned(_logger, snapshot.Count, pages, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            _discovery.RecordSizes(UsersPerProvider(snapshot));
            Publish(snapshot, error: null);
            StartDiscoveryWalkIfDue(snapshot);
        }
        catch (VitalApiException ex)
        {
            // A failed scan that is shown (it came to be, mid-way) stays shown with what it read.
            DiagnoseIfShown();
            LogScanFailed(_logger, ex.Kind, snapshot.Count, pages);
            snapshot.Fail(ex.Message, _timeProvider.GetUtcNow(), ex);
            Publish(snapshot, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogScanCrashed(_logger, ex);
            snapshot.Fail("The dashboard could not read the team because of an internal error; it is logged for the maintainers.", _timeProvider.GetUtcNow());
            Publish(snapshot, snapshot.Error);
        }
    }

    /// <summary>The snapshot shown while this scan ran, when it is a finished one worth keeping from.</summary>
    private TeamSnapshot? PreviousToKeep(TeamSnapshot scanning)
    {
        var shown = Current;
        return !ReferenceEquals(shown, scanning) && shown.IsComplete && shown.Error is null ? shown : null;
    }

    private static Dictionary<string, int> UsersPerProvider(TeamSnapshot snapshot)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in snapshot.Users)
        {
            foreach (var provider in user.Providers)
            {
                sizes[provider] = sizes.GetValueOrDefault(provider) + 1;
            }
        }

        return sizes;
    }

    /// <summary>
    /// A per-provider scan only asks about providers it knows. Now and then (and once after the first scan) a
    /// plain cursor walk checks for providers Vital added since; if it finds any, or users the scan missed, the
    /// team is scanned again with them included.
    /// </summary>
    private void StartDiscoveryWalkIfDue(TeamSnapshot snapshot)
    {
        if (ReferenceEquals(_scanner, _walker)
            || (_lastDiscoveryWalk is { } last && _timeProvider.GetUtcNow() - last < DiscoveryInterval)
            || Interlocked.Exchange(ref _discoveryRunning, 1) == 1)
        {
            return;
        }

        _lastDiscoveryWalk = _timeProvider.GetUtcNow();
        _ = Task.Run(async () =>
        {
            try
            {
                var newProviders = false;
                var missedUsers = 0;
                await foreach (var batch in _walker.WalkPullsAsync(_stopping.Token).ConfigureAwait(false))
                {
                    foreach (var user in batch.Users)
                    {
                        foreach (var provider in user.Providers.Keys)
                        {
                            newProviders |= _discovery.Observe(provider.Value);
                        }

                        // Only a user some provider's walk would have found counts as missed: one without an id, or
                        // without providers, is in no such walk, and rescanning for it would repeat forever.
                        if (!string.IsNullOrWhiteSpace(user.UserId) && user.Providers.Count > 0 && !snapshot.Contains(user.UserId))
                        {
                            missedUsers++;
                        }
                    }
                }

                var rescan = newProviders || missedUsers > 0;
                if (rescan)
                {
                    Scan();
                }

                LogDiscovery(_logger, string.Join(", ", _discovery.Discovered), missedUsers, rescan);
            }
            catch (Exception ex) when (ex is VitalApiException or OperationCanceledException)
            {
                // Tried again at the next interval; the scan's own answers are unaffected.
            }
            finally
            {
                Volatile.Write(ref _discoveryRunning, 0);
            }
        });
    }

    private void Publish(TeamSnapshot snapshot, string? error)
    {
        TaskCompletionSource<TeamSnapshot>? completed;
        lock (_gate)
        {
            // Cleared before anyone hears of the result, so a retry offered on it is never ignored.
            _scanning = false;
            _lastScanEnded = snapshot.CompletedAt ?? _timeProvider.GetUtcNow();
            if (ReferenceEquals(_refreshing, snapshot))
            {
                _refreshing = null;
                LastRefreshError = error;
                if (error is null)
                {
                    Volatile.Write(ref _current, snapshot);
                }
            }
            else
            {
                LastRefreshError = null;
            }

            // A completed task keeps its result for good: a new one for each result, so the snapshot this one
            // held can go once it is replaced (else the first scan's snapshot stayed in memory beside every later one).
            if (_completed.Task.IsCompleted)
            {
                _completed = new TaskCompletionSource<TeamSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            // Only a complete team is a result: a stored team still being read gives it at its end (EndStored).
            completed = Current.IsComplete ? _completed : null;
        }

        completed?.TrySetResult(Current);
        Notify(force: true);
        ScanEnded?.Invoke(snapshot, error);
    }

    /// <summary>
    /// A follower's view (ADR 0017) of the scanning replica's last scan that did not end with the whole team, said as
    /// this replica's own failed refresh would be; null when there is none newer than the team shown.
    /// </summary>
    internal void ShowPublishedProblem(string? problem)
    {
        lock (_gate)
        {
            if (_scanning || string.Equals(LastRefreshError, problem, StringComparison.Ordinal))
            {
                return;
            }

            LastRefreshError = problem;
        }

        Notify(force: true);
    }

    private void Notify(bool force)
    {
        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastNotifyTicks);
        var elapsed = _timeProvider.GetElapsedTime(last, now);
        lock (_gate)
        {
            if (!force && elapsed < NotifyEvery)
            {
                // Too soon: say it at the end of the window instead, so the latest page is never left unsaid while
                // the next one takes its time (the first users of a scan included).
                if (_pendingNotify is null && Volatile.Read(ref _disposed) == 0)
                {
                    _pendingNotify = _timeProvider.CreateTimer(_ => Notify(force: true), null, NotifyEvery - elapsed, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            _pendingNotify?.Dispose();
            _pendingNotify = null;
        }

        Interlocked.Exchange(ref _lastNotifyTicks, now);

        // One listener per circuit: one that throws must not keep the news from the others.
        foreach (var listener in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action)listener).Invoke();
            }
            catch (Exception ex)
            {
                LogListenerFailed(_logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scanned the team: {UserCount} users in {PageCount} pages, {ElapsedMs} ms")]
    private static partial void LogScanned(ILogger logger, int userCount, int pageCount, long elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Team scan stopped by the upstream ({ErrorKind}) after {UserCount} users in {PageCount} pages")]
    private static partial void LogScanFailed(ILogger logger, VitalErrorKind errorKind, int userCount, int pageCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Team scan failed")]
    private static partial void LogScanCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Provider discovery walk: providers beyond the spec [{Discovered}], users the scan missed {MissedUsers}, rescan {Rescan}")]
    private static partial void LogDiscovery(ILogger logger, string discovered, int missedUsers, bool rescan);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Team scan: {Count} entries without a user id left out (they cannot be looked up)")]
    private static partial void LogWithoutUserId(ILogger logger, int count);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Team refresh asked for too soon after the last scan: the next may start at {AllowedAt}")]
    private static partial void LogRefreshTooSoon(ILogger logger, DateTimeOffset allowedAt);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Team scan incomplete: {UserCount} users read in {PageCount} pages, then gave up on {GapCount} walks ({Gaps}) after Vital:ScanPatience; {CarriedOver} users kept from the previous snapshot. Published as incomplete; the next scan tries again")]
    private static partial void LogIncomplete(ILogger logger, int userCount, int pageCount, int gapCount, string gaps, int carriedOver);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "A team snapshot listener failed")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);

    private sealed class SynchronousProgress(Action report) : IProgress<ProviderSlug?>
    {
        public void Report(ProviderSlug? value) => report();
    }
}
