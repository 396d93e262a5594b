using System.Collections.Concurrent;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Keeps one copy of each repeated string (providers, resources, statuses, releases, headlines) and of each repeated
/// group of them (<see cref="CompactPull"/>'s and <see cref="CompactFreshness"/>'s labels): a team of 100,000 users
/// repeats a few hundred distinct values millions of times.
/// </summary>
internal sealed class StringPool
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    // Keyed by the label's parts, so looking one up (once per pull of a scan) makes nothing.
    private readonly ConcurrentDictionary<(string, string, string, string?, string?), PullLabel> _pullLabels = new();
    private readonly ConcurrentDictionary<(string, string, string?, bool, bool), FreshnessLabel> _freshnessLabels = new();
    private readonly ConcurrentDictionary<string[], string[]> _lists = new(OrdinalList.Comparer);

    public int Count => _values.Count;

    public string Intern(string value) => _values.GetOrAdd(value, value);

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);

    /// <summary>The pooled label of these parts; a new one is kept with pooled strings.</summary>
    public PullLabel PullLabelOf(string provider, string resource, string status, string? errorDetails, string? release) => _pullLabels.GetOrAdd(
        (provider, resource, status, errorDetails, release),
        static (k, pool) => new PullLabel(
            pool.Intern(k.Item1), pool.Intern(k.Item2), new PullStatus(pool.Intern(k.Item3)), pool.InternOrNull(k.Item4), pool.InternOrNull(k.Item5)),
        this);

    /// <summary>The pooled label of these parts; a new one is kept with pooled strings.</summary>
    public FreshnessLabel FreshnessLabelOf(string provider, string resource, string? attemptStatus, bool hasSentCount, bool stale) => _freshnessLabels.GetOrAdd(
        (provider, resource, attemptStatus, hasSentCount, stale),
        static (k, pool) => new FreshnessLabel(pool.Intern(k.Item1), pool.Intern(k.Item2), pool.InternOrNull(k.Item3), k.Item4, k.Item5),
        this);

    /// <summary>
    /// The pooled list of these strings, the same items in the same order (a user's providers: a team repeats a few
    /// dozen lists across all its users, two a user, some 8 MB at 100,000 users unpooled). Takes
    /// <paramref name="values"/> over (a new list is kept as it is, its strings interned in place); a pooled list is
    /// shared, so <see cref="TeamUser"/> hands it out read-only.
    /// </summary>
    public string[] ListOf(string[] values) => values.Length == 0 ? [] : _lists.GetOrAdd(values, static (v, pool) =>
    {
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = pool.Intern(v[i]);
        }

        return v;
    }, this);

    private sealed class OrdinalList : IEqualityComparer<string[]>
    {
        public static readonly OrdinalList Comparer = new();

        public bool Equals(string[]? x, string[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var value in obj)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
