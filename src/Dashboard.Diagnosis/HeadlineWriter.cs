namespace Dashboard.Diagnosis;

/// <summary>
/// Writes the one-line summary of a diagnosis: counts of the problems, worst first ("1 failed pull, 2 retrying",
/// "3 resources not pulled"). Info findings are counted only when there is no critical or warning one, so the line
/// stays short; a user without findings gets "All 6 pulls succeeded".
/// </summary>
internal static class HeadlineWriter
{
    // Pull counts: the first in the line says "pull(s)", the ones after it drop the noun ("1 failed pull, 2 retrying").
    private static readonly (string[] Codes, Func<int, string> WithNoun, Func<int, string> Short)[] Problems =
    [
        ([FindingCodes.PullFailed], n => TextFormatter.Count(n, "failed pull"), n => $"{TextFormatter.Count(n)} failed"),
        ([FindingCodes.PullRetrying], n => $"{TextFormatter.Count(n, "pull")} retrying", n => $"{TextFormatter.Count(n)} retrying"),
        ([FindingCodes.PullStuckScheduled, FindingCodes.PullStuckInProgress], n => $"{TextFormatter.Count(n, "pull")} stuck", n => $"{TextFormatter.Count(n)} stuck"),
        ([FindingCodes.PullNoData], n => $"{TextFormatter.Count(n, "pull")} without data", n => $"{TextFormatter.Count(n)} without data"),
        ([FindingCodes.UnknownStatus], n => $"{TextFormatter.Count(n, "pull")} with an unknown status", n => $"{TextFormatter.Count(n)} with an unknown status"),
    ];

    private static readonly (string[] Codes, Func<int, string> WithNoun, Func<int, string> Short)[] InMotion =
    [
        ([FindingCodes.PullInProgress], n => $"{TextFormatter.Count(n, "pull")} in progress", n => $"{TextFormatter.Count(n)} in progress"),
        ([FindingCodes.PullLowCoverage], n => $"{TextFormatter.Count(n, "pull")} with low coverage", n => $"{TextFormatter.Count(n)} with low coverage"),
    ];

    public static string For(IReadOnlyList<Finding> findings, int pullCount)
    {
        if (findings.Count == 0)
        {
            return pullCount == 1 ? "1 pull succeeded" : $"All {TextFormatter.Count(pullCount)} pulls succeeded";
        }

        var parts = new List<string>();
        var urgent = findings.Any(f => f.Severity >= Severity.Warning);

        if (findings.Any(f => f.Code == FindingCodes.NoPullData))
        {
            parts.Add("No historical pulls");
        }

        AddPullCounts(parts, findings, urgent ? Problems : InMotion);

        if (urgent)
        {
            var notPulled = findings.Where(f => f.Code == FindingCodes.ResourcesNotPulled).Sum(f => f.Evidence.Resources?.Count ?? 0);
            if (notPulled > 0)
            {
                parts.Add($"{TextFormatter.Count(notPulled, "resource")} not pulled");
            }
        }
        else
        {
            var anomalies = findings.Count(f => f.Code == FindingCodes.TimelineAnomaly);
            if (anomalies > 0)
            {
                parts.Add(TextFormatter.Count(anomalies, "timeline anomaly", "timeline anomalies"));
            }
        }

        return string.Join(", ", parts);
    }

    private static void AddPullCounts(
        List<string> parts, IReadOnlyList<Finding> findings, (string[] Codes, Func<int, string> WithNoun, Func<int, string> Short)[] kinds)
    {
        var nounUsed = false;
        foreach (var (codes, withNoun, shortForm) in kinds)
        {
            var count = findings.Count(f => codes.Contains(f.Code));
            if (count == 0)
            {
                continue;
            }

            parts.Add(nounUsed ? shortForm(count) : withNoun(count));
            nounUsed = true;
        }
    }
}
