namespace Dashboard.Web.Alerts;

/// <summary>What readiness says of alerts: the last delivery that failed (cleared by the next that succeeds), and whether the store could be asked.</summary>
public sealed class AlertStatus
{
    private readonly Lock _gate = new();
    private (DateTimeOffset AlertOf, string Reason)? _failure;
    private string? _storeProblem;

    public DateTimeOffset? LastSentAt { get; private set; }

    public (DateTimeOffset AlertOf, string Reason)? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    public string? StoreProblem => _storeProblem;

    internal void Sent(DateTimeOffset at)
    {
        lock (_gate)
        {
            _failure = null;
            LastSentAt = at;
        }
    }

    internal void Failed(DateTimeOffset alertOf, string reason)
    {
        lock (_gate)
        {
            _failure = (alertOf, reason);
        }
    }

    internal void StoreAnswered() => _storeProblem = null;

    internal void StoreFailed(string reason) => _storeProblem = reason;
}
