using Dashboard.Store.Model;

namespace Dashboard.Store.Reading;

/// <summary>
/// Scheduled-to-ended times from recorded pull transitions: a pull seen becoming <c>scheduled</c> and later seen
/// ending (<c>success</c>, <c>failure</c> or the legacy <c>error</c>) took the time between the two scans that saw it.
/// A pull whose scheduling was not seen (before the history, or between two scans that both saw it running) is left
/// out rather than guessed.
/// </summary>
public static class PullDurations
{
    /// <summary>Vital's statuses that end a pull, verbatim.</summary>
    public static readonly IReadOnlySet<string> Ended = new HashSet<string>(StringComparer.Ordinal) { "success", "failure", "error" };

    public const string Scheduled = "scheduled";

    /// <summary>Per resource, from one provider's pull transitions in any order.</summary>
    public static IReadOnlyList<ResourceDurations> Measure(IEnumerable<TransitionRecord> transitions)
    {
        var byResource = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        foreach (var pull in transitions.Where(t => t.Kind == TransitionKind.Pull && t.Resource is not null).GroupBy(t => (t.UserId, t.Resource)))
        {
            DateTimeOffset? scheduled = null;
            foreach (var change in pull.OrderBy(t => t.SeenAt).ThenBy(t => t.Id))
            {
                if (change.ToValue == Scheduled)
                {
                    scheduled = change.SeenAt;
                }
                else if (change.ToValue is { } to && Ended.Contains(to) && scheduled is { } since)
                {
                    var list = byResource.TryGetValue(pull.Key.Resource!, out var found) ? found : byResource[pull.Key.Resource!] = [];
                    list.Add(change.SeenAt - since);
                    scheduled = null;
                }
                else if (change.ToValue is null)
                {
                    scheduled = null;
                }
            }
        }

        return
        [
            .. byResource.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
            {
                r.Value.Sort();
                return new ResourceDurations(r.Key, r.Value.Count, Rank(r.Value, 0.5), Rank(r.Value, 0.95));
            }),
        ];
    }

    /// <summary>The nearest-rank percentile of a sorted, non-empty list.</summary>
    public static TimeSpan Rank(IReadOnlyList<TimeSpan> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percentile * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
