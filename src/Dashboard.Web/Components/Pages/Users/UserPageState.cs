using Dashboard.Diagnosis;
using Dashboard.Web.Api;
using Dashboard.Web.Data;
using Dashboard.Web.Input;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// Everything the user page shows and does, without rendering: loading, refreshing, upstream trouble, and the
/// auto-refresh that runs only while something on the page can still change on its own.
/// </summary>
public sealed class UserPageState : IDisposable
{
    private readonly IDiagnosisService _diagnoses;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private CancellationTokenSource _loading = new();
    private bool _disposed;

    private readonly ForcedRefreshes? _forcedRefreshes;
    private readonly AuthenticationStateProvider? _authentication;

    /// <summary>With sign-in off, the limit on fresh reads applies per open page.</summary>
    private readonly string _circuitKey = "page:" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// <paramref name="forcedRefreshes"/> limits each person's reads past the cache (none: no limit, for tests of other
    /// things); <paramref name="authentication"/> says who the person is.
    /// </summary>
    public UserPageState(
        IDiagnosisService diagnoses, TimeProvider timeProvider, IOptions<UiOptions> options,
        ForcedRefreshes? forcedRefreshes = null, AuthenticationStateProvider? authentication = null)
    {
        _diagnoses = diagnoses;
        _timeProvider = timeProvider;
        _forcedRefreshes = forcedRefreshes;
        _authentication = authentication;
        Interval = TimeSpan.FromSeconds(options.Value.AutoRefreshSeconds);
    }

    /// <summary>The last Refresh was one too many this minute: the answer shown stays, and the page says why.</summary>
    public bool RefreshLimited { get; private set; }

    /// <summary>Fresh reads allowed per person a minute (for the page's words).</summary>
    public int RefreshesPerMinute => _forcedRefreshes?.PerMinute ?? 0;

    /// <summary>Raised after anything shown changed (from a timer thread: marshal before rendering).</summary>
    public event Func<Task>? Changed;

    public string? UserId { get; private set; }

    /// <summary>The address did not hold a user id: nothing was asked of the upstream.</summary>
    public bool InvalidId { get; private set; }

    public UserDiagnosis? Diagnosis { get; private set; }

    /// <summary>The sources as the page shows them: each read, not found, unavailable, or still on its way.</summary>
    public UserSources? Sources { get; private set; }

    /// <summary>Trouble reading the historical pulls, in words, while the last good answer (if any) stays on screen.</summary>
    public (string Title, string Message)? Error { get; private set; }

    /// <summary>A source is still on its way.</summary>
    public bool Reading { get; private set; }

    public bool Loading { get; private set; }

    public bool Refreshing { get; private set; }

    public TimeSpan Interval { get; }

    /// <summary>The person's choice (the switch); on by default.</summary>
    public bool AutoRefreshEnabled { get; private set; } = true;

    /// <summary>Whether anything shown can still change on its own: scheduled, in progress or retrying.</summary>
    public bool HasActivePulls => Diagnosis?.HasActivePulls == true;

    /// <summary>The timer runs only when both are true.</summary>
    public bool AutoRefreshRunning => _timer is not null;

    public DateTimeOffset? LastRefresh { get; private set; }

    public async Task LoadAsync(string? rawUserId)
    {
        if (!InputRules.TryNormalizeUserId(rawUserId, out var userId))
        {
            StopTimer();
            UserId = null;
            InvalidId = true;
            Diagnosis = null;
            Sources = null;
            Error = null;
            await NotifyAsync();
            return;
        }

        if (userId == UserId && Diagnosis is not null)
        {
            return;
        }

        InvalidId = false;
        UserId = userId;
        Diagnosis = null;
        Sources = null;
        Loading = true;
        await NotifyAsync();
        if (!await FetchAsync(maxAge: null))
        {
            return;
        }

        Loading = false;
        UpdateTimer();
        await NotifyAsync();
    }

    /// <summary>The Refresh button: always asks the upstream again.</summary>
    public async Task RefreshAsync()
    {
        if (UserId is null)
        {
            return;
        }

        var user = _authentication is null ? null : (await _authentication.GetAuthenticationStateAsync()).User;
        RefreshLimited = _forcedRefreshes?.TryTake(user, _circuitKey) == false;
        if (RefreshLimited)
        {
            // Vital is not asked: what is shown stays, with a word on why.
            await NotifyAsync();
            return;
        }

        await FetchFreshAsync();
    }

    /// <summary>
    /// After a manual refresh through Vital: reads every source from Vital again, to show what it changed. It takes
    /// none of the person's forced refreshes (the write itself was the limited action).
    /// </summary>
    public async Task ReloadAsync()
    {
        if (UserId is null)
        {
            return;
        }

        await FetchFreshAsync();
    }

    /// <summary>Reads every source from Vital again, showing "Refreshing…" meanwhile (the Refresh button, or after a manual refresh).</summary>
    private async Task FetchFreshAsync()
    {
        Refreshing = true;
        await NotifyAsync();
        if (!await FetchAsync(TimeSpan.Zero))
        {
            return;
        }

        Refreshing = false;
        UpdateTimer();
        await NotifyAsync();
    }

    /// <summary>
    /// A section's "Try again": reads every source again from the cache, which holds the ones that answered, so only
    /// the ones that failed go back to Vital.
    /// </summary>
    public async Task RetryAsync()
    {
        if (UserId is null)
        {
            return;
        }

        if (!await FetchAsync(maxAge: null))
        {
            return;
        }

        UpdateTimer();
        await NotifyAsync();
    }

    public async Task SetAutoRefreshAsync(bool enabled)
    {
        AutoRefreshEnabled = enabled;
        UpdateTimer();
        await NotifyAsync();
    }

    /// <summary>One tick: reuse what anyone fetched within the interval, else fetch (one call for all watchers).</summary>
    internal async Task TickAsync()
    {
        if (UserId is null || Refreshing || !AutoRefreshEnabled || !HasActivePulls)
        {
            UpdateTimer();
            return;
        }

        if (!await FetchAsync(Interval))
        {
            return;
        }

        UpdateTimer();
        await NotifyAsync();
    }

    /// <summary>
    /// The page went away. This state lives as long as the circuit, so without this the timer would keep asking
    /// Vital about a user nobody looks at, and the next user page would start from the old diagnosis. Stops
    /// auto-refresh, abandons a fetch in flight and forgets the user.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (!_disposed)
            {
                _loading.Cancel();
                _loading.Dispose();
                _loading = new CancellationTokenSource();
            }
        }

        UserId = null;
        InvalidId = false;
        Diagnosis = null;
        Sources = null;
        Error = null;
        Loading = false;
        Refreshing = false;
        LastRefresh = null;
        AutoRefreshEnabled = true;
    }

    public void Dispose()
    {
        StopTimer();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _loading.Cancel();
            _loading.Dispose();
        }
    }

    /// <summary>
    /// Reads the four sources together and records each as it arrives (the page shows a section as soon as its source
    /// is in); false when the page went away meanwhile (nothing more is recorded then). Until a source is in, the last
    /// answer for it stays on screen.
    /// </summary>
    private async Task<bool> FetchAsync(TimeSpan? maxAge)
    {
        var userId = UserId!;
        CancellationToken token;
        lock (_gate)
        {
            token = _loading.Token;
        }

        var before = Sources;
        var reads = _diagnoses.Start(userId, maxAge, token);
        var pending = new List<Task> { reads.User, reads.Connections, reads.Pulls, reads.Resources };
        Reading = true;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (token.IsCancellationRequested)
            {
                return false;
            }

            if (ReferenceEquals(done, reads.Pulls))
            {
                if (reads.Pulls.Exception?.InnerException is VitalApiException ex)
                {
                    var (_, title, detail) = UpstreamProblems.Describe(ex);
                    Error = (title, detail);
                    if (before?.Pulls.IsOk != true)
                    {
                        before = (before ?? new UserSources { UserId = userId }) with { Pulls = SourceRead<UserHistoricalPulls>.Unavailable(detail) };
                    }
                }
                else if (reads.Pulls.IsCompletedSuccessfully)
                {
                    Error = null;
                    LastRefresh = _timeProvider.GetUtcNow();
                }
                else if (reads.Pulls.IsFaulted)
                {
                    // Not upstream trouble: a bug. It surfaces to the page's error boundary rather than hide here.
                    await reads.Pulls;
                }
            }

            Reading = pending.Count > 0;
            Loading = false;
            Sources = reads.Sources(before);
            if (Knows(Sources) || (pending.Count == 0 && Error is null))
            {
                // Until some source answers, the last diagnosis stays (none on a first load): with Vital down the
                // banner says so, and a diagnosis made only of gaps would add nothing.
                var asOf = reads.Pulls.IsCompletedSuccessfully ? reads.Pulls.Result.AsOf : Diagnosis?.AsOf ?? _timeProvider.GetUtcNow();
                Diagnosis = _diagnoses.Diagnose(Sources, asOf);
            }
            if (pending.Count > 0)
            {
                await NotifyAsync();
            }
        }

        return true;
    }

    /// <summary>Whether any source said something (an answer, or that the user does not exist).</summary>
    private static bool Knows(UserSources sources) =>
        sources.User.State is SourceState.Ok or SourceState.NotFound || sources.Connections.IsOk
        || sources.Pulls.IsOk || sources.Resources.IsOk;

    private void UpdateTimer()
    {
        lock (_gate)
        {
            var wanted = !_disposed && AutoRefreshEnabled && HasActivePulls && Error is null;
            if (wanted && _timer is null)
            {
                _timer = _timeProvider.CreateTimer(_ => _ = TickAsync(), null, Interval, Interval);
            }
            else if (!wanted && _timer is not null)
            {
                _timer.Dispose();
                _timer = null;
            }
        }
    }

    private void StopTimer()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
