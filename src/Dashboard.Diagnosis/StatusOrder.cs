using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The one place that ranks pull statuses for "worst status" and names them for people. Worst first:
/// <c>failure</c> and the legacy <c>error</c>; then values this version does not know (they may be bad and nobody
/// can say); then <c>retrying</c>, <c>scheduled</c>, <c>in_progress</c>; <c>success</c> last.
/// </summary>
public static class StatusOrder
{
    private const int FailureRank = 5;
    private const int UnknownRank = 4;

    /// <summary>Higher is worse. Unknown values (including an empty one) rank just below failures.</summary>
    public static int Rank(string? status) => status switch
    {
        "failure" or "error" => FailureRank,
        "retrying" => 3,
        "scheduled" => 2,
        "in_progress" => 1,
        "success" => 0,
        _ => UnknownRank,
    };

    public static int Rank(PullStatus status) => Rank(status.Value);

    /// <summary>Orders statuses worst first; equal ranks fall back to ordinal order, so the result is deterministic.</summary>
    public static IComparer<string> WorstFirst { get; } = Comparer<string>.Create(static (a, b) =>
    {
        var byRank = Rank(b).CompareTo(Rank(a));
        return byRank != 0 ? byRank : string.CompareOrdinal(a, b);
    });

    /// <summary>The worst of the statuses, or null when there are none. Ties go to the ordinally first value.</summary>
    public static string? Worst(IEnumerable<string> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);

        string? worst = null;
        foreach (var status in statuses)
        {
            if (worst is null || WorstFirst.Compare(status, worst) < 0)
            {
                worst = status;
            }
        }

        return worst;
    }

    /// <summary>
    /// A plain-language name: "Failed", "Retrying", "In progress", "Scheduled", "Succeeded",
    /// "Failed (legacy 'error')", or "Unknown: &lt;value&gt;" with the value verbatim.
    /// </summary>
    public static string DisplayName(string? status) => status switch
    {
        "failure" => "Failed",
        "error" => "Failed (legacy 'error')",
        "retrying" => "Retrying",
        "scheduled" => "Scheduled",
        "in_progress" => "In progress",
        "success" => "Succeeded",
        null or "" => "Unknown: (no status)",
        _ => $"Unknown: {status}",
    };

    public static string DisplayName(PullStatus status) => DisplayName(status.Value);

    /// <summary>The statuses a legend shows, worst first: the documented ones and the legacy <c>error</c>.</summary>
    public static IReadOnlyList<string> Known { get; } = ["failure", "error", "retrying", "scheduled", "in_progress", "success"];
}
