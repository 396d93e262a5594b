using Dashboard.Store.Connections;
using Dashboard.Store.Hosting;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Vital.Introspection;

namespace Dashboard.Web.Connections;

/// <summary>
/// Reads every user's connections in the background, one user at a time and at most <c>Sweep:RequestsPerSecond</c>
/// requests a second, in the order of their ids, through the shared cache and the client (so a 429 holds it back at the
/// client's rate-limit gate like any other read). Each reading is kept in memory (<see cref="ConnectionReadings"/>) and
/// in the store with the cursor, so a restart resumes after the last user read. When Vital fails, the sweep waits
/// longer each time (up to <see cref="MaxBackOff"/>) and asks again for the same user; when the store fails, readings
/// stay in memory and the next round writes them. It never stops the process. With one database for several replicas
/// (<see cref="IScanLease"/>), only the replica that scans sweeps; the others load what it stored. ADR 0018.
/// </summary>
internal sealed partial class ConnectionSweep(
    ITeamSnapshots snapshots,
    IVitalRepository repository,
    IConnectionReadingStore store,
    ConnectionReadings readings,
    SweepStatus status,
    SweepOrder order,
    TeamScope scope,
    TimeProvider timeProvider,
    ILogger<ConnectionSweep> logger,
    SweepMetrics? metrics = null,
    IScanLease? lease = null) : BackgroundService
{
    internal static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for a team to sweep when the shown one has no users or could not be read.</summary>
    internal static readonly TimeSpan NoTeamWait = TimeSpan.FromSeconds(30);

    /// <summary>How often a follower loads what the sweeping replica stored since its last look.</summary>
    internal static readonly TimeSpan FollowInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A follower asks for readings made this long before the newest it has: a reading's time is when Vital answered
    /// (the shared cache may hand it over later), so one stored a little after a later one is not missed.
    /// </summary>
    internal static readonly TimeSpan FollowOverlap = TimeSpan.FromHours(1);

    private SweepCursor? _cursor;
    private TimeSpan _backOff = TimeSpan.Zero;
    private bool _following;
    private DateTimeOffset? _followedUpTo;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!status.Enabled)
        {
            LogOff(logger);
            return;
        }

        var interval = TimeSpan.FromSeconds(1 / status.RequestsPerSecond);
        try
        {
            await LoadAsync(stoppingToken).ConfigureAwait(false);
            while (true)
            {
                var started = timeProvider.GetUtcNow();
                TimeSpan? wait;
                try
                {
                    wait = await StepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Whatever went wrong, the sweep waits and goes on: it never takes the process down.
                    LogStepFailed(logger, ex);
                    wait = NoTeamWait;
                }

                // Requests start at least one interval apart, however long the last one took.
                var next = wait ?? interval - (timeProvider.GetUtcNow() - started);
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the cursor of the last reading is stored.
        }
    }

    /// <summary>The stored cursor and readings; without the store, a new round in memory.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stored = await store.LoadAsync(scope.Value, cancellationToken).ConfigureAwait(false);
            Take(stored);
            if (stored.Cursor is { } cursor)
            {
                LogResumed(logger, stored.Users.Count, cursor.RoundStartedAt);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = StoreFailure.Describe(ex);
            status.StoreFailing($"The readings are kept in memory while the history store cannot be used ({reason}).");
            LogLoadFailed(logger, reason, ex.GetType().Name);
        }
    }

    /// <summary>Reads the next user; returns how long to wait instead of the usual interval, if longer.</summary>
    private async Task<TimeSpan?> StepAsync(CancellationToken cancellationToken)
    {
        // With one database for several replicas, only the one that scans sweeps (ADR 0018): the budget is the team's.
        if (lease?.Role == ScanRole.Follower)
        {
            await FollowAsync(cancellationToken).ConfigureAwait(false);
            return FollowInterval;
        }

        if (_following)
        {
            // Taking over: the round goes on from the cursor the last sweeping replica stored (loaded while following).
            _following = false;
            LogLeading(logger, _cursor?.LastUserId is null ? "the start" : "the stored cursor");
        }

        var snapshot = snapshots.Current;
        if (!snapshot.IsComplete)
        {
            // The first scan runs (or none has started): sweep the team it finds.
            snapshot = await snapshots.WhenCompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (snapshot.Error is not null || snapshot.Count == 0)
        {
            return NoTeamWait;
        }

        var cursor = _cursor ??= new SweepCursor(null, timeProvider.GetUtcNow());
        if (order.Next(snapshot, cursor.LastUserId) is not { } userId)
        {
            // The round is done: the next one starts from the first user.
            _cursor = new SweepCursor(null, timeProvider.GetUtcNow());
            status.Moved(_cursor);
            metrics?.RoundCompleted();
            LogRoundDone(logger, snapshot.Count, timeProvider.GetUtcNow() - cursor.RoundStartedAt);
            await ForgetDepartedAsync(snapshot, cancellationToken).ConfigureAwait(false);
            return TimeSpan.Zero;
        }

        UserConnections? reading;
        try
        {
            reading = await ReadAsync(userId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _backOff = _backOff == TimeSpan.Zero ? FirstBackOff : TimeSpan.FromTicks(Math.Min(_backOff.Ticks * 2, MaxBackOff.Ticks));
            var problem = ex is VitalApiException vital ? vital.Message : ex.GetType().Name;
            status.UpstreamFailing($"Vital could not be asked for connections ({problem}); the sweep tries again in {Diagnosis.TextFormatter.ShortDuration(_backOff)}.");
            metrics?.Read("failed");
            LogReadFailed(logger, problem, _backOff.TotalSeconds);
            return _backOff;
        }

        _backOff = TimeSpan.Zero;
        status.UpstreamFailing(null);
        _cursor = cursor with { LastUserId = userId };
        status.Moved(_cursor);
        if (reading is null)
        {
            metrics?.Read("skipped");
            return null;
        }

        readings.Keep(reading);
        metrics?.Read("read");
        await SaveAsync(reading, _cursor, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The user's connections; null when Vital refuses this user's request (the sweep moves on).</summary>
    private async Task<UserConnections?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var fetched = await repository.GetConnectionsAsync(userId, cancellationToken: cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ConnectionReading> connections = fetched.Value is { } list
                ? [.. list.Select(c => new ConnectionReading(c.Provider.Value, c.Status.Value, c.Error?.Type.Value))]
                : [];
            return new UserConnections(userId, fetched.AsOf, connections);
        }
        catch (VitalApiException ex) when (ex.Kind is VitalErrorKind.Validation or VitalErrorKind.NotFound)
        {
            // About this user alone: asking again would not help, and the others must not wait for it.
            LogUserRefused(logger, ex.Kind.ToString());
            return null;
        }
    }

    /// <summary>
    /// A follower's step: loads the readings the sweeping replica stored since the last look, and its cursor (so the
    /// progress line is the team's, and a take-over resumes there); forgets, in memory, users who left the team shown.
    /// </summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        if (!_following)
        {
            _following = true;
            LogFollowing(logger);
        }

        try
        {
            Take(await store.LoadSinceAsync(scope.Value, _followedUpTo - FollowOverlap, cancellationToken).ConfigureAwait(false));
            if (status.StoreProblem is not null)
            {
                status.StoreFailing(null);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = StoreFailure.Describe(ex);
            status.StoreFailing($"The readings of the replica that sweeps cannot be loaded while the history store cannot be used ({reason}).");
            LogFollowFailed(logger, reason, ex.GetType().Name);
        }

        if (snapshots.Current is { IsWhole: true } shown)
        {
            readings.ForgetDeparted(shown.Contains);
        }
    }

    /// <summary>Stored readings into memory, the newest reading's time (where a follower looks from next), and the cursor.</summary>
    private void Take(StoredSweep stored)
    {
        foreach (var user in stored.Users)
        {
            readings.Keep(user);
            if (_followedUpTo is not { } upTo || user.ReadAt > upTo)
            {
                _followedUpTo = user.ReadAt;
            }
        }

        if (stored.Cursor is { } cursor)
        {
            _cursor = cursor;
            status.Moved(cursor);
        }
    }

    /// <summary>
    /// At a round's end, forgets the readings of users no longer in the team, in memory and in the store: only against a
    /// whole team (a partial scan's missing users have not left).
    /// </summary>
    private async Task ForgetDepartedAsync(TeamSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!snapshot.IsWhole)
        {
            return;
        }

        var inMemory = readings.ForgetDeparted(snapshot.Contains);
        try
        {
            var stored = await store.ForgetDepartedAsync(scope.Value, snapshot.Contains, cancellationToken).ConfigureAwait(false);
            if (Math.Max(inMemory, stored) > 0)
            {
                LogForgotten(logger, Math.Max(inMemory, stored));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The next round's end tries again; the readings in memory are already gone.
            LogForgetFailed(logger, StoreFailure.Describe(ex), ex.GetType().Name);
        }
    }

    private async Task SaveAsync(UserConnections reading, SweepCursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(scope.Value, reading, cursor, cancellationToken).ConfigureAwait(false);
            if (status.StoreProblem is not null)
            {
                status.StoreFailing(null);
                LogStoreResumed(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (status.StoreProblem is null)
            {
                LogSaveFailed(logger, StoreFailure.Describe(ex), ex.GetType().Name);
            }

            status.StoreFailing($"The readings are kept in memory while the history store cannot be used ({StoreFailure.Describe(ex)}).");
        }
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Connection sweep off (Sweep:RequestsPerSecond is 0)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Connection sweep resumes the round started at {RoundStartedAt} ({Users} users' readings stored)")]
    private static partial void LogResumed(ILogger logger, int users, DateTimeOffset roundStartedAt);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Connection sweep read {Users} users in {Elapsed}; a new round starts")]
    private static partial void LogRoundDone(ILogger logger, int users, TimeSpan elapsed);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Connection sweep: Vital could not be asked ({Problem}); trying again in {RetrySeconds} s")]
    private static partial void LogReadFailed(ILogger logger, string problem, double retrySeconds);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Connection sweep: Vital refused one user's connections ({Kind}); moving on")]
    private static partial void LogUserRefused(ILogger logger, string kind);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Connection sweep: readings kept in memory only, the store failed: {Reason} ({ExceptionType})")]
    private static partial void LogSaveFailed(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "Connection sweep: the store takes readings again")]
    private static partial void LogStoreResumed(ILogger logger);

    [LoggerMessage(EventId = 7109, Level = LogLevel.Information, Message = "Connection sweep: forgot the readings of {Users} users no longer in the team")]
    private static partial void LogForgotten(ILogger logger, int users);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "Connection sweep: the readings of users who left could not be deleted: {Reason} ({ExceptionType}); tried again after the next round")]
    private static partial void LogForgetFailed(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Connection sweep: another replica scans and sweeps; this one loads its readings")]
    private static partial void LogFollowing(ILogger logger);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "Connection sweep: this replica scans now and sweeps from {From}")]
    private static partial void LogLeading(ILogger logger, string from);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Warning, Message = "Connection sweep: the sweeping replica's readings could not be loaded: {Reason} ({ExceptionType}); tried again in a minute")]
    private static partial void LogFollowFailed(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Error, Message = "Connection sweep: a step failed; trying again later")]
    private static partial void LogStepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Connection sweep starts a new round in memory, the stored one could not be read: {Reason} ({ExceptionType})")]
    private static partial void LogLoadFailed(ILogger logger, string reason, string exceptionType);
}
