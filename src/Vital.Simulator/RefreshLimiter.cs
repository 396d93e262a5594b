namespace Vital.Simulator;

/// <summary>Vital's limit on manual refreshes: <see cref="PerHour"/> per user in any hour, on the simulator's clock.</summary>
internal sealed class RefreshLimiter
{
    public const int PerHour = 8;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<int, Queue<DateTimeOffset>> _recent = [];

    /// <summary>Counts a refresh of the user at <paramref name="now"/>, or refuses it (not counted) when the hour is full.</summary>
    public bool TryAcquire(int index, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_recent.TryGetValue(index, out var times))
            {
                _recent[index] = times = new Queue<DateTimeOffset>(PerHour);
            }

            while (times.Count > 0 && times.Peek() <= now - Window)
            {
                times.Dequeue();
            }

            if (times.Count >= PerHour)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _recent.Clear();
        }
    }
}
