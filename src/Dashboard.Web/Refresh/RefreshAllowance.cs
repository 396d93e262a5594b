using System.Collections.Concurrent;

namespace Dashboard.Web.Refresh;

/// <summary>
/// The allowance kept in this process: the times of the refreshes of the last hour, per user. With several replicas
/// each keeps its own, and Vital's 429 (explained on the page) is the backstop.
/// </summary>
public sealed class RefreshAllowance(TimeProvider timeProvider) : IRefreshAllowance
{
    /// <summary>Vital allows 8 manual refreshes per user per hour (429 beyond).</summary>
    public const int PerUserPerHour = 8;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _taken = new(StringComparer.OrdinalIgnoreCase);

    public Task<RefreshQuota> PeekAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (!_taken.TryGetValue(userId, out var times))
        {
            return Task.FromResult(new RefreshQuota(PerUserPerHour, null));
        }

        lock (times)
        {
            Prune(times, now);
            return Task.FromResult(Quota(times));
        }
    }

    public Task<bool> TryTakeAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var times = _taken.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Prune(times, now);
            if (times.Count >= PerUserPerHour)
            {
                return Task.FromResult(false);
            }

            times.Enqueue(now);
            return Task.FromResult(true);
        }
    }

    private static RefreshQuota Quota(Queue<DateTimeOffset> times) =>
        new(Math.Max(0, PerUserPerHour - times.Count), times.Count >= PerUserPerHour ? times.Peek() + Window : null);

    private static void Prune(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && now - times.Peek() >= Window)
        {
            times.Dequeue();
        }
    }
}
