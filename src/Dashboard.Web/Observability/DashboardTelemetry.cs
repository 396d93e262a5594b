using System.Diagnostics;
using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>
/// The names the dashboard publishes under: one meter and one activity source (<see cref="VitalTelemetry.Name"/>,
/// shared with the upstream client), the instruments it creates, and the meters of others it exports.
/// </summary>
public static class DashboardTelemetry
{
    public const string Name = VitalTelemetry.Name;

    /// <summary><c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "vital-dashboard";

    // The team snapshot (observed at each collection, never pushed by the scan).
    public const string TeamUsers = "dashboard.team.users";
    public const string TeamProviderUsers = "dashboard.team.provider.users";
    public const string TeamPulls = "dashboard.team.pulls";
    public const string TeamFindings = "dashboard.team.findings";
    public const string TeamStaleUsers = "dashboard.team.stale_users";

    // Team scans.
    public const string ScanDuration = "dashboard.team.scan.duration";
    public const string ScanRunning = "dashboard.team.scan.running";
    public const string ScanPages = "dashboard.team.scan.pages";
    public const string ScanUsers = "dashboard.team.scan.users";
    public const string ScanProgress = "dashboard.team.scan.progress";
    public const string ScanFailing = "dashboard.team.scan.failing";
    public const string ScanLastSuccess = "dashboard.team.scan.last_success_time";
    public const string ScanResumes = "dashboard.team.scan.resumes";
    public const string ScanIncomplete = "dashboard.team.scan.incomplete";

    // The upstream as the dashboard uses it (the request histogram itself: VitalTelemetry.RequestDuration).
    public const string UpstreamCircuitState = "dashboard.upstream.circuit.state";
    public const string UpstreamConnections = "dashboard.upstream.connections";

    // The connection sweep.
    public const string SweepReads = "dashboard.sweep.reads";
    public const string SweepRounds = "dashboard.sweep.rounds";
    public const string SweepUsersRead = "dashboard.sweep.users_read";
    public const string SweepUsers = "dashboard.sweep.users";
    public const string SweepRoundStart = "dashboard.sweep.round_start_time";
    public const string SweepFailing = "dashboard.sweep.failing";

    // The shared cache.
    public const string CacheRequests = "dashboard.cache.requests";

    // The history store.
    public const string StoreWrites = "dashboard.store.writes";
    public const string StoreWriteDuration = "dashboard.store.write.duration";
    public const string StoreRows = "dashboard.store.rows";
    public const string StorePaused = "dashboard.store.paused";

    /// <summary>
    /// Meters of the framework and libraries exported beside the dashboard's own: HTTP server and client, Kestrel,
    /// routing, rate limiting, the runtime, Blazor circuits (open circuits: <c>aspnetcore.components.circuit.active</c>)
    /// and Polly (retries and circuit-breaker events: <c>resilience.polly.strategy.events</c>).
    /// </summary>
    public static IReadOnlyList<string> OtherMeters { get; } =
    [
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Polly",
    ];

    /// <summary>The dashboard's spans: a team scan (here) and each upstream call (in <c>Vital.Introspection</c>).</summary>
    internal static ActivitySource ActivitySource { get; } = new(Name);
}
