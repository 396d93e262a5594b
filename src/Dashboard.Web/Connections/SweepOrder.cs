using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Connections;

/// <summary>
/// The order the sweep reads users in: their ids, ordinal, so a cursor (the last id read) says where a round stands in
/// any snapshot, even one with users added or gone since. The sorted ids are kept per snapshot state.
/// </summary>
public sealed class SweepOrder
{
    private readonly Lock _gate = new();
    private (long Generation, long Version, string[] Ids) _sorted = (-1, -1, []);

    /// <summary>The first user after <paramref name="cursor"/> (null: from the start); null when the round is done.</summary>
    public string? Next(TeamSnapshot snapshot, string? cursor)
    {
        var ids = Sorted(snapshot);
        var at = CountUpTo(ids, cursor);
        return at < ids.Length ? ids[at] : null;
    }

    /// <summary>How many of the snapshot's users come at or before <paramref name="cursor"/>: those this round has read.</summary>
    public int Position(TeamSnapshot snapshot, string? cursor) => CountUpTo(Sorted(snapshot), cursor);

    private static int CountUpTo(string[] ids, string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        var at = Array.BinarySearch(ids, cursor, StringComparer.Ordinal);
        return at >= 0 ? at + 1 : ~at;
    }

    private string[] Sorted(TeamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (_sorted.Generation == snapshot.Generation && _sorted.Version == snapshot.Version)
            {
                return _sorted.Ids;
            }
        }

        var users = snapshot.Users;
        var ids = new string[users.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = users[i].UserId;
        }

        Array.Sort(ids, StringComparer.Ordinal);
        lock (_gate)
        {
            _sorted = (snapshot.Generation, snapshot.Version, ids);
        }

        return ids;
    }
}
