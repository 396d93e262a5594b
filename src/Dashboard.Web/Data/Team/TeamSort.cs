using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dashboard.Diagnosis;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// The team grid's order: its column, its direction, its form in the address (<c>sort=latest</c>, <c>sort=-latest</c>
/// for descending; the default order has none) and how it compares users. Ties keep the user id order, so rows never jump.
/// </summary>
public readonly record struct TeamSort(TeamSortColumn Column, bool Descending)
{
    private static readonly (TeamSortColumn Column, string Key)[] Keys =
    [
        (TeamSortColumn.Attention, "attention"),
        (TeamSortColumn.UserId, "user"),
        (TeamSortColumn.Providers, "providers"),
        (TeamSortColumn.WorstStatus, "status"),
        (TeamSortColumn.Findings, "findings"),
        (TeamSortColumn.LatestActivity, "latest"),
        (TeamSortColumn.NewestData, "newest"),
    ];

    /// <summary>
    /// A view's users in another order, computed once per view and order and shared by every circuit showing it.
    /// Each order is sorted once, outside the lock: callers of other orders of the same view do not wait for it.
    /// </summary>
    private static readonly ConditionalWeakTable<TeamViewResult, Dictionary<TeamSort, Lazy<IReadOnlyList<TeamUser>>>> Sorted = new();

    /// <summary>Users needing attention first, worst first; then the most recent activity.</summary>
    public static TeamSort Default { get; } = new(TeamSortColumn.Attention, Descending: true);

    public bool IsDefault => this == Default;

    /// <summary>The order a <c>sort</c> value names; the default for none, and for anything the grid does not know (never an error).</summary>
    public static TeamSort Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Default;
        }

        var descending = value.StartsWith('-');
        var key = descending ? value[1..] : value;
        foreach (var (column, name) in Keys)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                return new TeamSort(column, descending);
            }
        }

        return Default;
    }

    /// <summary>The <c>sort</c> value for the address (<c>latest</c>, <c>-latest</c>); null for the default order.</summary>
    public string? ToQueryValue()
    {
        if (IsDefault)
        {
            return null;
        }

        var column = Column;
        var key = Keys.First(k => k.Column == column).Key;
        return Descending ? "-" + key : key;
    }

    /// <summary>Compares two users in this order.</summary>
    public int Compare(TeamUser a, TeamUser b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = Descending ? Ascending(Column, b, a) : Ascending(Column, a, b);
        return result != 0 ? result : string.CompareOrdinal(a.UserId, b.UserId);
    }

    /// <summary><paramref name="view"/>'s users in this order (the view's own list when it is already).</summary>
    public IReadOnlyList<TeamUser> Apply(TeamViewResult view, TeamSort viewOrder)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (this == viewOrder)
        {
            return view.Users;
        }

        var cache = Sorted.GetOrCreateValue(view);
        Lazy<IReadOnlyList<TeamUser>>? users;
        lock (cache)
        {
            if (!cache.TryGetValue(this, out users))
            {
                var order = this;
                users = new Lazy<IReadOnlyList<TeamUser>>(
                    () =>
                    {
                        var sorted = view.Users.ToArray();
                        Array.Sort(sorted, order.Compare);
                        return sorted;
                    },
                    LazyThreadSafetyMode.ExecutionAndPublication);
                cache[this] = users;
            }
        }

        return users.Value;
    }

    /// <summary>
    /// The providers in order, item by item: the same order as comparing them joined with commas (slugs are letters,
    /// digits and underscores, all after the comma), without making a string at each of a sort's million comparisons.
    /// </summary>
    private static int CompareProviders(ImmutableArray<string> a, ImmutableArray<string> b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            var byName = string.CompareOrdinal(a[i], b[i]);
            if (byName != 0)
            {
                return byName;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int Ascending(TeamSortColumn column, TeamUser a, TeamUser b) => column switch
    {
        TeamSortColumn.UserId => string.CompareOrdinal(a.UserId, b.UserId),
        TeamSortColumn.Providers => a.Providers.Length.CompareTo(b.Providers.Length) is var byCount and not 0
            ? byCount
            : CompareProviders(a.Providers, b.Providers),
        // A higher rank is a worse status: descending puts failures first.
        TeamSortColumn.WorstStatus => StatusRanker.Rank(a.WorstStatus).CompareTo(StatusRanker.Rank(b.WorstStatus)),
        TeamSortColumn.Findings => a.Overall.CompareTo(b.Overall) is var bySeverity and not 0 ? bySeverity
            : a.CriticalCount.CompareTo(b.CriticalCount) is var byCritical and not 0 ? byCritical
            : a.WarningCount.CompareTo(b.WarningCount),
        TeamSortColumn.LatestActivity => a.LatestActivityTicks.CompareTo(b.LatestActivityTicks),
        // Ascending: the longest silence first (no data at all before any data).
        TeamSortColumn.NewestData => a.NewestDataTicks.CompareTo(b.NewestDataTicks),
        _ => a.Overall.CompareTo(b.Overall) is var byOverall and not 0 ? byOverall : a.LatestActivityTicks.CompareTo(b.LatestActivityTicks),
    };
}
