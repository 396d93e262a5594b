namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The two finding-code tables of ARCHITECTURE.md, written out by hand (not read from the code under test): every code
/// and its one severity. Shared by the web tests and, linked, by the contract tests.
/// </summary>
public static class FindingSeverities
{
    public static IReadOnlyDictionary<string, string> Of { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pull_failed"] = "critical",
        ["pull_retrying"] = "warning",
        ["pull_stuck_scheduled"] = "warning",
        ["pull_stuck_in_progress"] = "warning",
        ["pull_in_progress"] = "info",
        ["pull_no_data"] = "warning",
        ["pull_low_coverage"] = "info",
        ["resources_not_pulled"] = "warning",
        ["no_pull_data"] = "warning",
        ["unknown_status"] = "warning",
        ["timeline_anomaly"] = "info",
        ["user_not_found"] = "critical",
        ["no_connections"] = "warning",
        ["connection_error"] = "critical",
        ["connection_paused"] = "warning",
        ["unknown_connection_status"] = "warning",
        ["scopes_denied"] = "warning",
        ["data_stale"] = "warning",
        ["data_delay_normal"] = "info",
        ["last_attempt_failed"] = "warning",
        ["outside_ingestion_bounds"] = "info",
        ["source_unavailable"] = "warning",
    };
}
