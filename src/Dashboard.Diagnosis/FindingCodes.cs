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

    /// <summary>Vital knows no such user (a wrong id, or another team or environment). Critical. Replaces <c>no_pull_data</c>.</summary>
    public const string UserNotFound = "user_not_found";

    /// <summary>The user exists but has no connected source. Warning.</summary>
    public const string NoConnections = "no_connections";

    /// <summary>A connection's status is <c>error</c>. Critical.</summary>
    public const string ConnectionError = "connection_error";

    /// <summary>A connection is <c>paused</c> (7 days after the user's ingestion end). Warning.</summary>
    public const string ConnectionPaused = "connection_paused";

    /// <summary>A connection status this version does not know, shown verbatim. Warning.</summary>
    public const string UnknownConnectionStatus = "unknown_connection_status";

    /// <summary>One per provider: resources unavailable because the user denied scopes they need. Warning.</summary>
    public const string ScopesDenied = "scopes_denied";

    /// <summary>A connected provider's data stopped arriving (newest data older than the stale limit). Warning.</summary>
    public const string DataStale = "data_stale";

    /// <summary>An SDK provider's data is hours behind, which is normal: the phone syncs when the app is opened. Info.</summary>
    public const string DataDelayNormal = "data_delay_normal";

    /// <summary>Vital's last attempt to read a resource failed. Warning.</summary>
    public const string LastAttemptFailed = "last_attempt_failed";

    /// <summary>The user's ingestion end is past or its start is ahead: data outside them is dropped by design. Info.</summary>
    public const string OutsideIngestionBounds = "outside_ingestion_bounds";

    /// <summary>One source could not be read (after retries): the diagnosis is partial. Warning.</summary>
    public const string SourceUnavailable = "source_unavailable";

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
        [UserNotFound] = Severity.Critical,
        [NoConnections] = Severity.Warning,
        [ConnectionError] = Severity.Critical,
        [ConnectionPaused] = Severity.Warning,
        [UnknownConnectionStatus] = Severity.Warning,
        [ScopesDenied] = Severity.Warning,
        [DataStale] = Severity.Warning,
        [DataDelayNormal] = Severity.Info,
        [LastAttemptFailed] = Severity.Warning,
        [OutsideIngestionBounds] = Severity.Info,
        [SourceUnavailable] = Severity.Warning,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code, in the order of the table in docs/ARCHITECTURE.md.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PullFailed, PullRetrying, PullStuckScheduled, PullStuckInProgress, PullInProgress, PullNoData,
        PullLowCoverage, ResourcesNotPulled, NoPullData, UnknownStatus, TimelineAnomaly,
        UserNotFound, NoConnections, ConnectionError, ConnectionPaused, UnknownConnectionStatus, ScopesDenied,
        DataStale, DataDelayNormal, LastAttemptFailed, OutsideIngestionBounds, SourceUnavailable,
    ];

    /// <summary>
    /// Which source a code comes from, in the order Vital's own support reads them: the user as a whole first, then the
    /// connections, the historical pulls, the ongoing data. Findings of one severity are listed in this order.
    /// </summary>
    public static int SourceOrder(string code) => code switch
    {
        UserNotFound or NoConnections or OutsideIngestionBounds or SourceUnavailable => 0,
        ConnectionError or ConnectionPaused or UnknownConnectionStatus or ScopesDenied => 1,
        DataStale or DataDelayNormal or LastAttemptFailed => 3,
        _ => 2,
    };

    /// <summary>The fixed severity of a code (each code has exactly one).</summary>
    /// <exception cref="ArgumentException">The code is not one of <see cref="All"/>.</exception>
    public static Severity SeverityOf(string code) =>
        Severities.TryGetValue(code, out var severity)
            ? severity
            : throw new ArgumentException($"'{code}' is not a finding code.", nameof(code));
}
