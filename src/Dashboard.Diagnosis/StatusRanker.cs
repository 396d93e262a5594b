using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// Ranks pull statuses for "worst status" and names them for people, in one place. Worst first: <c>failure</c> and
/// the legacy <c>error</c>; then values this version does not know (they may be bad and nobody can say); then
/// <c>retrying</c>, <c>scheduled</c>, <c>in_progress</c>; <c>success</c> last.
/// </summary>
public static class StatusRanker
{
    private const int FailureRank = 5;
    private const int UnknownRank = 4;
    private const int RetryingRank = 3;

    /// <summary>Higher is worse. Unknown values (including an empty one) rank just below failures.</summary>
    public static int Rank(PullStatus status)
    {
        if (status.IsFailureLike)
        {
            return FailureRank;
        }

        if (status == PullStatus.Retrying)
        {
            return RetryingRank;
        }

        if (status == PullStatus.Scheduled)
        {
            return 2;
        }

        if (status == PullStatus.InProgress)
        {
            return 1;
        }

        return status == PullStatus.Success ? 0 : UnknownRank;
    }

    /// <summary>As <see cref="Rank(PullStatus)"/>; no status at all ranks as an unknown one (nobody can say it is fine).</summary>
    public static int Rank(PullStatus? status) => status is { } s ? Rank(s) : UnknownRank;

    /// <summary>
    /// Whether a pull in this status needs someone's attention by its status alone: it failed, is retrying, or has a
    /// status nobody can vouch for. (A pull can also need attention for its age: see <see cref="DiagnosisThresholds.IsStuck"/>.)
    /// </summary>
    public static bool IsProblem(PullStatus status) => Rank(status) >= RetryingRank;

    /// <summary>
    /// Orders statuses worst first. Of equal rank, <c>failure</c> comes before the legacy <c>error</c> (as in
    /// <see cref="Known"/>, the legends' order), then ordinal order, so the result is deterministic.
    /// </summary>
    public static IComparer<PullStatus> WorstFirst { get; } = Comparer<PullStatus>.Create(static (a, b) =>
    {
        var byRank = Rank(b).CompareTo(Rank(a));
        if (byRank != 0)
        {
            return byRank;
        }

        var legacyLast = (a == PullStatus.Error).CompareTo(b == PullStatus.Error);
        return legacyLast != 0 ? legacyLast : string.CompareOrdinal(a.Value, b.Value);
    });

    /// <summary>The worst of the statuses, or null when there are none. Ties go to the first in <see cref="WorstFirst"/>'s order.</summary>
    public static PullStatus? Worst(IEnumerable<PullStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);

        PullStatus? worst = null;
        foreach (var status in statuses)
        {
            if (worst is not { } current || WorstFirst.Compare(status, current) < 0)
            {
                worst = status;
            }
        }

        return worst;
    }

    /// <summary>
    /// The worse of two; of equal rank, the first in <see cref="WorstFirst"/>'s order (so a user's pulls give the same
    /// worst status whichever order they come in, and the same as <see cref="Worst"/>).
    /// </summary>
    /// <remarks>Called for every pull a team scan reads: the rank decides, and only a tie of two different values asks the comparer.</remarks>
    public static PullStatus Worse(PullStatus? current, PullStatus candidate)
    {
        if (current is not { } c)
        {
            return candidate;
        }

        var byRank = Rank(c).CompareTo(Rank(candidate));
        return byRank > 0 || (byRank == 0 && (c == candidate || WorstFirst.Compare(c, candidate) <= 0)) ? c : candidate;
    }

    /// <summary>
    /// A plain-language name: "Failed", "Retrying", "In progress", "Scheduled", "Succeeded",
    /// "Failed (legacy 'error')", or "Unknown: &lt;value&gt;" with the value verbatim.
    /// </summary>
    public static string DisplayName(PullStatus status)
    {
        if (status == PullStatus.Failure)
        {
            return "Failed";
        }

        if (status == PullStatus.Error)
        {
            return "Failed (legacy 'error')";
        }

        if (status == PullStatus.Retrying)
        {
            return "Retrying";
        }

        if (status == PullStatus.Scheduled)
        {
            return "Scheduled";
        }

        if (status == PullStatus.InProgress)
        {
            return "In progress";
        }

        if (status == PullStatus.Success)
        {
            return "Succeeded";
        }

        return status.Value.Length == 0 ? "Unknown: (no status)" : $"Unknown: {status.Value}";
    }

    /// <summary>The statuses a legend shows, worst first: the documented ones and the legacy <c>error</c>.</summary>
    public static IReadOnlyList<PullStatus> Known { get; } =
        [PullStatus.Failure, PullStatus.Error, PullStatus.Retrying, PullStatus.Scheduled, PullStatus.InProgress, PullStatus.Success];
}
