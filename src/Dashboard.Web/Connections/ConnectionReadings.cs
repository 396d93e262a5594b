using System.Collections.Concurrent;
using Dashboard.Store.Connections;

namespace Dashboard.Web.Connections;

/// <summary>
/// Every user's latest connection reading, in memory, shared by the grid, the CSV and the history: what the sweep read
/// (and loaded from the store at start). Kept here even while the store cannot be written, so pages never wait for it.
/// </summary>
public sealed class ConnectionReadings
{
    private readonly ConcurrentDictionary<string, UserConnections> _users = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    /// <summary>Grows with every reading kept: a view filtered by connection is not reused across it.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The user's latest reading; null when the sweep has not read them yet.</summary>
    public UserConnections? Of(string userId) => _users.GetValueOrDefault(userId);

    public void Keep(UserConnections reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        _users.AddOrUpdate(reading.UserId, reading, (_, old) => old.ReadAt > reading.ReadAt ? old : reading);
        Interlocked.Increment(ref _version);
    }

    /// <summary>Drops the readings of users <paramref name="inTeam"/> says left the team; returns how many.</summary>
    public int ForgetDeparted(Func<string, bool> inTeam)
    {
        ArgumentNullException.ThrowIfNull(inTeam);
        var forgotten = 0;
        foreach (var userId in _users.Keys)
        {
            if (!inTeam(userId) && _users.TryRemove(userId, out _))
            {
                forgotten++;
            }
        }

        if (forgotten > 0)
        {
            Interlocked.Increment(ref _version);
        }

        return forgotten;
    }
}
