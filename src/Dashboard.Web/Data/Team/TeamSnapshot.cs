using System.Collections.Concurrent;
using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// The team as one scan saw it. While the scan runs, users are appended (and merged) by a single writer and
/// readers always see a consistent prefix, so the grid shows the first rows as soon as the first page is in.
/// Once <see cref="IsComplete"/> it never changes again.
/// </summary>
public sealed class TeamSnapshot
{
    private readonly ConcurrentDictionary<string, int> _index;
    private TeamUser[] _users;
    private int _count;
    private long _version;

    /// <summary>
    /// The snapshot shown while this one is scanned: a user keeps that snapshot's id string, and whose pulls or ongoing
    /// data read the same as there keeps that snapshot's arrays (<see cref="TeamUser.ShareWith"/>), so a rescan beside the shown team holds little
    /// more than one team's data. Dropped once this snapshot ends, so it never keeps the older one alive.
    /// </summary>
    private TeamSnapshot? _sharesWith;

    internal TeamSnapshot(long generation, DateTimeOffset startedAt, TeamSnapshot? sharesWith = null)
        : this(generation, startedAt, sharesWith, expectedUsers: sharesWith?.Count ?? 0)
    {
    }

    /// <summary>
    /// A snapshot made for <paramref name="expectedUsers"/>, how many users it will likely hold (the team shown, or the
    /// stored one): its index and list are made that large at once, with some room to grow. Grown page by page instead,
    /// the index copies every entry at each doubling, some 8 MB of garbage at 100,000 users that lived long enough to
    /// reach the oldest generation while a rescan ran.
    /// </summary>
    private TeamSnapshot(long generation, DateTimeOffset startedAt, TeamSnapshot? sharesWith, int expectedUsers)
    {
        Generation = generation;
        StartedAt = startedAt;
        Progress = new ScanProgress(0, 0, 0, 0);
        _sharesWith = sharesWith;
        var capacity = Math.Max(MinimumCapacity, expectedUsers + (expectedUsers / 8));
        _index = new ConcurrentDictionary<string, int>(Environment.ProcessorCount, capacity, StringComparer.OrdinalIgnoreCase);
        _users = new TeamUser[capacity];
    }

    /// <summary>The least a snapshot's index and list are made for (a team of unknown size starts here and doubles).</summary>
    internal const int MinimumCapacity = 256;

    /// <summary>A team loaded from the store (at start, or a follower's published team): <paramref name="storedAt"/> is when its scan completed.</summary>
    internal static TeamSnapshot FromStore(long generation, DateTimeOffset storedAt, int storedUsers) =>
        new(generation, storedAt, sharesWith: null, expectedUsers: storedUsers) { StoredUsers = storedUsers };

    /// <summary>
    /// For a team loaded from the store, how many users it holds (its <see cref="StartedAt"/> is when the scan that
    /// stored it completed); null for a team scanned here. While <see cref="IsLoadingStored"/> the users come in as
    /// they are read, as a scan's do.
    /// </summary>
    public int? StoredUsers { get; private init; }

    /// <summary>A stored team still being read (a restart shows its first rows before the last are read).</summary>
    public bool IsLoadingStored => StoredUsers is not null && !IsComplete;

    /// <summary>An empty snapshot before any scan ran.</summary>
    internal static TeamSnapshot NotStarted { get; } = new(0, DateTimeOffset.MinValue);

    /// <summary>Which scan this is (1 for the first); grows with each refresh.</summary>
    public long Generation { get; }

    /// <summary>Grows whenever users are added or changed; views cache on it.</summary>
    public long Version => Volatile.Read(ref _version);

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsComplete => CompletedAt is not null;

    public bool HasStarted => Generation > 0;

    /// <summary>Why the scan stopped early, in words for the page; the users read until then stay.</summary>
    public string? Error { get; private set; }

    /// <summary>The upstream's refusal that stopped the scan, so an endpoint can answer it like any other upstream trouble.</summary>
    public VitalApiException? UpstreamError { get; private set; }

    public ScanProgress Progress { get; private set; }

    /// <summary>
    /// The walks this scan gave up on after <c>Vital:ScanPatience</c>; empty for a whole scan. A snapshot with gaps
    /// is published (marked as incomplete wherever team data is shown) and the next scan tries again.
    /// </summary>
    public IReadOnlyList<ScanGap> Gaps { get; private set; } = [];

    /// <summary>Whether the scan could not read everything: see <see cref="Gaps"/> and <see cref="CarriedOver"/>.</summary>
    public bool IsIncomplete => Gaps.Count > 0;

    /// <summary>
    /// Complete, without an error and without gaps: every user of the team is in it, so one missing has left the team
    /// (what the history records and the sweep forgets by).
    /// </summary>
    public bool IsWhole => IsComplete && Error is null && !IsIncomplete;

    /// <summary>Users whose rows (or whose data from an unread walk) come from the previous snapshot, as it showed them.</summary>
    public int CarriedOver { get; private set; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The users read so far (a stable prefix: later additions do not show in this list).</summary>
    public IReadOnlyList<TeamUser> Users
    {
        get
        {
            var count = Count;
            return new ArraySegment<TeamUser>(Volatile.Read(ref _users), 0, count);
        }
    }

    public bool TryGet(string userId, out TeamUser user)
    {
        if (_index.TryGetValue(userId, out var index) && index < Count)
        {
            user = Volatile.Read(ref _users)[index];
            return true;
        }

        user = null!;
        return false;
    }

    /// <summary>Adds a user, or replaces the one with the same id. Single writer only.</summary>
    internal void Upsert(TeamUser user)
    {
        if (_index.TryGetValue(user.UserId, out var existing))
        {
            Share(user);
            _users[existing] = user;
        }
        else
        {
            Share(user);
            var count = _count;
            if (count == _users.Length)
            {
                var grown = new TeamUser[count * 2];
                Array.Copy(_users, grown, count);
                Volatile.Write(ref _users, grown);
            }

            _users[count] = user;
            _index[user.UserId] = count;
            Volatile.Write(ref _count, count + 1);
        }

        Interlocked.Increment(ref _version);
    }

    internal bool Contains(string userId) => _index.ContainsKey(userId);

    private void Share(TeamUser user)
    {
        if (ShownOf(user) is { } before)
        {
            user.ShareWith(before);
        }
    }

    /// <summary>The same user in the snapshot shown while this one is scanned; null when there is none.</summary>
    private TeamUser? ShownOf(TeamUser user) =>
        _sharesWith is { } shown && shown.TryGet(user.UserId, out var before) ? before : null;

    internal void Report(ScanProgress progress) => Progress = progress;

    /// <summary>
    /// Diagnoses the users built without a diagnosis (a rescan not shown yet), on every core: each once, after their
    /// last provider is read, instead of once per provider page; their findings then shared with the snapshot shown where
    /// they are the same. Before the snapshot is shown, a user still holding a run of a shown user's array (they lost a
    /// provider) is given arrays of their own; once <paramref name="shown"/> (a rescan shown mid-way) a run is kept, since
    /// a reader could see it half swapped. Single writer only.
    /// </summary>
    internal void DiagnosePending(DiagnosisEngine engine, StringPool pool, bool shown)
    {
        var users = _users;
        Parallel.For(0, Count, i =>
        {
            var user = users[i];
            user.Diagnose(engine, pool);
            if (ShownOf(user) is { } before)
            {
                user.ShareFindingsWith(before);
            }

            if (!shown)
            {
                user.OwnRuns();
            }
        });
        Interlocked.Increment(ref _version);
    }

    internal void Complete(DateTimeOffset at)
    {
        _sharesWith = null;
        CompletedAt = at;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Completes a scan that gave up on some walks: it is published, marked as incomplete.</summary>
    internal void CompleteIncomplete(DateTimeOffset at, IReadOnlyList<ScanGap> gaps, int carriedOver)
    {
        ArgumentOutOfRangeException.ThrowIfZero(gaps.Count);
        Gaps = gaps;
        CarriedOver = carriedOver;
        Complete(at);
    }

    internal void Fail(string error, DateTimeOffset at, VitalApiException? upstreamError = null)
    {
        _sharesWith = null;
        Error = error;
        UpstreamError = upstreamError;
        CompletedAt = at;
        Interlocked.Increment(ref _version);
    }
}
