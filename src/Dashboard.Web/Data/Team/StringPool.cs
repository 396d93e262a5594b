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
    private readonly ConcurrentDictionary<PullLabel, PullLabel> _pullLabels = new();
    private readonly ConcurrentDictionary<FreshnessLabel, FreshnessLabel> _freshnessLabels = new();

    public int Count => _values.Count;

    public string Intern(string value) => _values.GetOrAdd(value, value);

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);

    /// <summary>The pooled label that reads the same as <paramref name="label"/>; a new one is kept with pooled strings.</summary>
    public PullLabel Intern(PullLabel label) => _pullLabels.GetOrAdd(
        label,
        static (l, pool) => new PullLabel(
            pool.Intern(l.Provider), pool.Intern(l.Resource), new PullStatus(pool.Intern(l.Status.Value)), pool.InternOrNull(l.ErrorDetails), pool.InternOrNull(l.Release)),
        this);

    /// <summary>The pooled label that reads the same as <paramref name="label"/>; a new one is kept with pooled strings.</summary>
    public FreshnessLabel Intern(FreshnessLabel label) => _freshnessLabels.GetOrAdd(
        label,
        static (l, pool) => new FreshnessLabel(pool.Intern(l.Provider), pool.Intern(l.Resource), pool.InternOrNull(l.AttemptStatus)),
        this);
}
