using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>Typed statuses as their upstream strings, so assertions read like the upstream's answers.</summary>
internal static class StatusValues
{
    public static string[] Values(this IEnumerable<PullStatus> statuses) => [.. statuses.Select(s => s.Value)];

    public static Dictionary<string, int> ByValue(this IReadOnlyDictionary<PullStatus, int> counts) =>
        counts.ToDictionary(c => c.Key.Value, c => c.Value, StringComparer.Ordinal);
}
