using System.Collections.Concurrent;
using Vital.Introspection;

namespace Dashboard.Web.Data;

/// <summary>
/// The customers' own ids of the users this dashboard has read (a user page, a lookup): Vital's team listings do not
/// carry them, so the grid shows and searches those it knows. Bounded; the least recent entries go first.
/// </summary>
public sealed class ClientUserIds
{
    /// <summary>How many ids are kept: enough for every user a team's staff look at in a day.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, string> _byUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _order = new();

    private long _version;

    public int Count => _byUser.Count;

    /// <summary>Raised with Vital's user id whenever that user's client id is learnt or changes (on the caller's thread).</summary>
    public event Action<string>? Learnt;

    /// <summary>Grows whenever an id is learnt or changes: a cached search over client ids is stale once it moves.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The customer's id of <paramref name="userId"/>, when known.</summary>
    public string? Of(string userId) => _byUser.TryGetValue(userId, out var clientUserId) ? clientUserId : null;

    public void Record(VitalUser? user)
    {
        if (user?.ClientUserId is not { Length: > 0 } clientUserId || user.UserId.Length == 0)
        {
            return;
        }

        if (_byUser.TryGetValue(user.UserId, out var known) && string.Equals(known, clientUserId, StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref _version);
        if (_byUser.TryAdd(user.UserId, clientUserId))
        {
            _order.Enqueue(user.UserId);
            while (_byUser.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _byUser.TryRemove(oldest, out _);
            }
        }
        else
        {
            _byUser[user.UserId] = clientUserId;
        }

        Learnt?.Invoke(user.UserId);
    }
}
