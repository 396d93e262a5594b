using Dashboard.Store.Model;
using Dashboard.Store.State;

namespace Dashboard.Store.Recording;

/// <summary>
/// What changed from one team state to the next: per user, each pull's status, each connection's status (when both
/// states read connections) and each finding (by code, provider and resource) that appeared, changed or cleared. A
/// user who left the team clears everything they had; a new user's items appear.
/// </summary>
public static class TeamStateDiff
{
    public static List<Transition> Compare(TeamState previous, TeamState current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return Compare(previous.Users, current);
    }

    /// <summary>
    /// The same, reading the previous users once, in any order, without holding them: each is compared with the current
    /// user of its id as it comes (<see cref="State.TeamStateSerializer.ReadUsers(Stream, int)"/> streams them from the stored payload,
    /// so the history writer never holds two whole teams). The changes come in the current team's order, then those of
    /// users who left, in the previous order.
    /// </summary>
    public static List<Transition> Compare(IEnumerable<UserState> previousUsers, TeamState current)
    {
        ArgumentNullException.ThrowIfNull(previousUsers);
        ArgumentNullException.ThrowIfNull(current);

        // The current users by id, as positions: a lazily made list (MappedUsers) makes only those it is asked for.
        var users = current.Users;
        Func<int, string> idAt = users is MappedUsers mapped ? mapped.IdAt : i => users[i].UserId;
        var now = new Dictionary<string, int>(users.Count, StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            now.TryAdd(idAt(i), i);
        }

        // Per user still in the team, their changes (only users with some); users who left, in the order they come.
        var kept = new Dictionary<string, List<Transition>>(StringComparer.Ordinal);
        var wasThere = new HashSet<string>(StringComparer.Ordinal);
        var left = new List<Transition>();
        var leftSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var before in previousUsers)
        {
            if (now.TryGetValue(before.UserId, out var at))
            {
                // A user listed twice before: the later entry counts, as a lookup by id would give.
                wasThere.Add(before.UserId);
                var changes = new List<Transition>();
                Compare(before, users[at], changes);
                if (changes.Count > 0)
                {
                    kept[before.UserId] = changes;
                }
                else
                {
                    kept.Remove(before.UserId);
                }
            }
            else if (leftSeen.Add(before.UserId))
            {
                Compare(before, null, left);
            }
        }

        var all = new List<Transition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            var userId = idAt(i);
            if (!seen.Add(userId))
            {
                continue;
            }

            if (kept.TryGetValue(userId, out var changes))
            {
                all.AddRange(changes);
            }
            else if (!wasThere.Contains(userId))
            {
                Compare(null, users[i], all);
            }
        }

        all.AddRange(left);
        return all;
    }

    private static void Compare(UserState? before, UserState? after, List<Transition> changes)
    {
        var userId = (after ?? before)!.UserId;

        Items(before?.Pulls, after?.Pulls, p => (p.Provider, p.Resource, (string?)null), p => p.Status, TransitionKind.Pull, userId, changes);

        // Connections only when both scans read them: a scan that did not is no evidence that they cleared.
        if ((before is null || before.Connections is not null) && (after is null || after.Connections is not null))
        {
            Items(before?.Connections, after?.Connections, c => (c.Provider, (string?)null, (string?)null), c => c.Status, TransitionKind.Connection, userId, changes);
        }

        Items(before?.Findings, after?.Findings, f => (f.Provider, f.Resource, f.Code), f => f.Severity, TransitionKind.Finding, userId, changes);
    }

    private static void Items<T>(
        IReadOnlyList<T>? before,
        IReadOnlyList<T>? after,
        Func<T, (string? Provider, string? Resource, string? Code)> key,
        Func<T, string> value,
        string kind,
        string userId,
        List<Transition> changes)
    {
        var old = new Dictionary<(string?, string?, string?), string>();
        foreach (var item in before ?? [])
        {
            old.TryAdd(key(item), value(item));
        }

        var now = new HashSet<(string?, string?, string?)>();
        foreach (var item in after ?? [])
        {
            var k = key(item);
            if (!now.Add(k))
            {
                continue;
            }

            var v = value(item);
            if (!old.TryGetValue(k, out var was))
            {
                changes.Add(new Transition(kind, userId, k.Item1, k.Item2, k.Item3, null, v));
            }
            else if (!string.Equals(was, v, StringComparison.Ordinal))
            {
                changes.Add(new Transition(kind, userId, k.Item1, k.Item2, k.Item3, was, v));
            }
        }

        foreach (var (k, was) in old)
        {
            if (!now.Contains(k))
            {
                changes.Add(new Transition(kind, userId, k.Item1, k.Item2, k.Item3, was, null));
            }
        }
    }
}
