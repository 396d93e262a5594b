using Dashboard.Diagnosis;
using Dashboard.Web.Api;
using Dashboard.Web.Data;
using Dashboard.Web.Input;
using Dashboard.Web.Ui;
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

    public UserPageState(IDiagnosisService diagnoses, TimeProvider timeProvider, IOptions<UiOptions> options)
    {
        _diagnoses = diagnoses;
        _timeProvider = timeProvider;
        Interval = TimeSpan.FromSeconds(options.Value.AutoRefreshSeconds);
    }

    /// <summary>Raised after anything shown changed (from a timer thread: marshal before rendering).</summary>
    public event Func<Task>? Changed;

    public string? UserId { get; private set; }

    /// <summary>The address did not hold a user id: nothing was asked of the upstream.</summary>
    public bool InvalidId { get; private set; }

    public UserDiagnosis? Diagnosis { get; private set; }

    /// <summary>Upstream trouble in words, while the last good diagnosis (if any) stays on screen.</summary>
    public (string Title, string Message)? Error { get; private set; }

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

    /// <summary>Fetches and records the answer; false when the page went away meanwhile (nothing is recorded then).</summary>
    private async Task<bool> FetchAsync(TimeSpan? maxAge)
    {
        var userId = UserId!;
        CancellationToken token;
        lock (_gate)
        {
            token = _loading.Token;
        }

        try
        {
            var diagnosis = maxAge is { } age
                ? await _diagnoses.GetAsync(userId, age, token)
                : await _diagnoses.GetAsync(userId, refresh: false, token);
            if (token.IsCancellationRequested)
            {
                return false;
            }

            Diagnosis = diagnosis;
            Error = null;
            LastRefresh = _timeProvider.GetUtcNow();
        }
        catch (VitalApiException ex) when (!token.IsCancellationRequested)
        {
            var (_, title, detail) = UpstreamProblems.Describe(ex);
            Error = (title, detail);
        }
        catch (Exception ex) when (token.IsCancellationRequested && ex is OperationCanceledException or VitalApiException)
        {
            // The page went away.
            return false;
        }

        return true;
    }

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
