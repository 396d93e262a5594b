using System.Collections.Frozen;

namespace Dashboard.Diagnosis;

/// <summary>
/// The stable finding codes of docs/ARCHITECTURE.md. Scripts and tickets refer to them: never rename one, only add.
/// </summary>
public static class FindingCodes
{
    /// <summary>Status <c>failure</c> (or the legacy <c>error</c>). Critical.</summary>
    public const string PullFailed = "pull_failed";

    /// <summary>Status <c>retrying</c>. Warning.</summary>
    public const string PullRetrying = "pull_retrying";

    /// <summary><c>scheduled</c> for longer than <see cref="DiagnosisOptions.StuckScheduledAfter"/>. Warning.</summary>
    public const string PullStuckScheduled = "pull_stuck_scheduled";

    /// <summary><c>in_progress</c> for longer than <see cref="DiagnosisOptions.StuckInProgressAfter"/>. Warning.</summary>
    public const string PullStuckInProgress = "pull_stuck_in_progress";

    /// <summary><c>scheduled</c> or <c>in_progress</c> within those limits. Info.</summary>
    public const string PullInProgress = "pull_in_progress";

    /// <summary><c>success</c> with no day of data. Warning.</summary>
    public const string PullNoData = "pull_no_data";

    /// <summary><c>success</c> with data on fewer than <see cref="DiagnosisOptions.LowCoverageRatio"/> of the range's days. Info.</summary>
    public const string PullLowCoverage = "pull_low_coverage";

    /// <summary>A provider lists <c>not_pulled</c> resources; one finding per provider. Warning.</summary>
    public const string ResourcesNotPulled = "resources_not_pulled";

    /// <summary>The upstream holds no historical pull for this user. Warning.</summary>
    public const string NoPullData = "no_pull_data";

    /// <summary>A status this version does not know. Warning.</summary>
    public const string UnknownStatus = "unknown_status";

    /// <summary>Timestamps out of order, or <c>success</c> without <c>ended_at</c>. Info.</summary>
    public const string TimelineAnomaly = "timeline_anomaly";

    private static readonly FrozenDictionary<string, Severity> Severities = new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        [PullFailed] = Severity.Critical,
        [PullRetrying] = Severity.Warning,
        [PullStuckScheduled] = Severity.Warning,
        [PullStuckInProgress] = Severity.Warning,
        [PullInProgress] = Severity.Info,
        [PullNoData] = Severity.Warning,
        [PullLowCoverage] = Severity.Info,
        [ResourcesNotPulled] = Severity.Warning,
        [NoPullData] = Severity.Warning,
        [UnknownStatus] = Severity.Warning,
        [TimelineAnomaly] = Severity.Info,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code, in the order of the table in docs/ARCHITECTURE.md.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PullFailed, PullRetrying, PullStuckScheduled, PullStuckInProgress, PullInProgress, PullNoData,
        PullLowCoverage, ResourcesNotPulled, NoPullData, UnknownStatus, TimelineAnomaly,
    ];

    /// <summary>The fixed severity of a code (each code has exactly one).</summary>
    /// <exception cref="ArgumentException">The code is not one of <see cref="All"/>.</exception>
    public static Severity SeverityOf(string code) =>
        Severities.TryGetValue(code, out var severity)
            ? severity
            : throw new ArgumentException($"'{code}' is not a finding code.", nameof(code));
}
