using System.Collections;

namespace Dashboard.Store.State;

/// <summary>
/// A team state's users made one at a time as they are read, never kept: the history writer reads a scan's users in
/// a pass or two (the diff, then the payload and the counts), so at 100,000 users it holds one user's state at a time
/// instead of a second copy of the team (hundreds of MB beside the snapshot). Ids are read without making the user.
/// Whatever <c>map</c> reads must not change between two reads of the same user.
/// </summary>
public sealed class MappedUsers(int count, Func<int, string> idAt, Func<int, UserState> map) : IReadOnlyList<UserState>
{
    public int Count => count;

    /// <summary>The user made afresh: a new object at every read.</summary>
    public UserState this[int index] => (uint)index < (uint)count ? map(index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The user id at <paramref name="index"/>, without making the user.</summary>
    public string IdAt(int index) => (uint)index < (uint)count ? idAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<UserState> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return map(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
