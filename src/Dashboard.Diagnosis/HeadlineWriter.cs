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

        if (Has(findings, FindingCodes.UserNotFound))
        {
            return "User not found";
        }

        var parts = new List<string>();
        var urgent = findings.Any(f => f.Severity.NeedsAttention());

        // In support's order: the user, the connections, the historical pulls, the ongoing data.
        if (Has(findings, FindingCodes.NoConnections))
        {
            parts.Add("No connected source");
        }

        AddProviderCounts(parts, findings, FindingCodes.ConnectionError, "connection error", "connection errors", "connection error");
        AddProviderCounts(parts, findings, FindingCodes.ConnectionPaused, "connection paused", "connections paused", "connection paused");
        AddProviderCounts(parts, findings, FindingCodes.UnknownConnectionStatus, "connection with an unknown status", "connections with an unknown status", "connection status unknown");
        var blocked = findings.Where(f => f.Code == FindingCodes.ScopesDenied).Sum(f => f.Evidence.Resources?.Count ?? 0);
        if (blocked > 0)
        {
            parts.Add($"{TextFormatter.Count(blocked, "resource")} blocked by denied permissions");
        }

        if (Has(findings, FindingCodes.NoPullData))
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

            AddProviderCounts(parts, findings, FindingCodes.DataStale, "provider with stale data", "providers with stale data", "data stale");
            AddProviderCounts(parts, findings, FindingCodes.LastAttemptFailed, "provider whose last read failed", "providers whose last read failed", "last read failed");
        }
        else
        {
            var anomalies = findings.Count(f => f.Code == FindingCodes.TimelineAnomaly);
            if (anomalies > 0)
            {
                parts.Add(TextFormatter.Count(anomalies, "timeline anomaly", "timeline anomalies"));
            }

            AddProviderCounts(parts, findings, FindingCodes.DataDelayNormal, "provider hours behind (normal)", "providers hours behind (normal)", "data hours behind (normal)");
            if (Has(findings, FindingCodes.OutsideIngestionBounds))
            {
                parts.Add("Outside the ingestion window");
            }
        }

        var unavailable = findings.Count(f => f.Code == FindingCodes.SourceUnavailable);
        if (unavailable > 0)
        {
            parts.Add(unavailable == 1 ? "1 source unreadable" : $"{unavailable} sources unreadable");
        }

        // Info findings only of kinds the line does not count (a normal delay on a provider, say): say so calmly.
        return parts.Count > 0 ? string.Join(", ", parts) : pullCount == 1 ? "1 pull succeeded" : $"All {TextFormatter.Count(pullCount)} pulls succeeded";
    }

    private static bool Has(IReadOnlyList<Finding> findings, string code) => findings.Any(f => f.Code == code);

    /// <summary>"Fitbit connection error" for one provider, "2 connection errors" for several.</summary>
    private static void AddProviderCounts(List<string> parts, IReadOnlyList<Finding> findings, string code, string singular, string plural, string afterName)
    {
        var about = findings.Where(f => f.Code == code).ToList();
        if (about.Count == 1 && about[0].Provider is { } provider)
        {
            parts.Add($"{ProviderKnowledge.ProviderDisplayName(provider)} {afterName}");
        }
        else if (about.Count > 0)
        {
            parts.Add(TextFormatter.Count(about.Count, singular, plural));
        }
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
