namespace Dashboard.Store.Hosting;

/// <summary>The one <see cref="IHistoryStatus"/>: set by whoever meets the database failing, cleared by the next success.</summary>
public sealed class HistoryStatus(TimeProvider timeProvider) : IHistoryStatus
{
    private readonly Lock _gate = new();
    private volatile string? _reason;
    private DateTimeOffset? _since;

    public bool IsPaused => _reason is not null;

    public string? Reason => _reason;

    public DateTimeOffset? PausedSince
    {
        get
        {
            lock (_gate)
            {
                return _since;
            }
        }
    }

    public event Action? Changed;

    public void Pause(string reason)
    {
        bool changed;
        lock (_gate)
        {
            changed = !string.Equals(_reason, reason, StringComparison.Ordinal);
            _since ??= timeProvider.GetUtcNow();
            _reason = reason;
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            if (_reason is null)
            {
                return;
            }

            _reason = null;
            _since = null;
        }

        Changed?.Invoke();
    }
}
