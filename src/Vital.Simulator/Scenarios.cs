using Vital.Introspection;

namespace Vital.Simulator;

/// <summary>What one simulated pull looks like, before timestamps and numbers are drawn.</summary>
internal enum PullShape
{
    Healthy,
    Failure,
    LegacyError,
    Retrying,
    ScheduledStuck,
    ScheduledRecent,
    InProgressStuck,
    InProgressRecent,
    SuccessNoData,
    LowCoverage,
    UnknownStatus,
    OutOfOrder,
    SuccessWithoutEndedAt,
    GarminFresh,
    Evolving,
}

/// <summary>Scenario-wide changes beyond one pull's shape.</summary>
internal enum ScenarioTweak
{
    None,
    NotPulled,
    NotPulledOnly,
    NoPulls,
    UnknownResource,
    OneDayWindow,
    ManyResources,

    /// <summary>The resources that need <see cref="ScenarioDefinition.DeniedScope"/> are not pulled; the others are.</summary>
    ScopesDenied,
}

/// <summary>What one connection shows beyond its pulls: its status, and how its ongoing data arrives.</summary>
internal enum ConnectionSituation
{
    Healthy,

    /// <summary>Status <c>error</c> with <c>error_details</c>; the last poll before the error succeeded.</summary>
    Error,

    /// <summary>A status the spec does not list (<see cref="ScenarioNames.UnknownConnectionStatusValue"/>).</summary>
    UnknownStatus,

    /// <summary>Connected, polled successfully, but the newest data is days old (a device not worn or not syncing).</summary>
    Stale,

    /// <summary>A mobile-SDK provider whose phone has not synced for half a day or more: normal.</summary>
    SyncDelayed,

    /// <summary>The last poll of the connection's first resource failed.</summary>
    LastAttemptFailed,

    /// <summary>The user denied the scopes of every not-pulled resource that no pulled resource needs.</summary>
    ScopesDenied,
}

/// <summary>The user's data ingestion bounds (<c>ingestion_start</c>, <c>ingestion_end</c>).</summary>
internal enum IngestionSituation
{
    None,

    /// <summary>A start in the past: harmless, nothing to report.</summary>
    PastStart,

    /// <summary>An end 1 to 6 days ago: connections still connected, no data after the end.</summary>
    PastEnd,

    /// <summary>An end more than 7 days ago: every connection de-registered and <c>paused</c>.</summary>
    PausedAfterEnd,

    /// <summary>A start in the future: nothing ingested yet.</summary>
    FutureStart,
}

/// <summary>
/// One guaranteed situation: the user at its position has <see cref="Providers"/>, every pull healthy except the
/// first resource of the first provider, which has <see cref="Shape"/>; every connection connected with fresh data
/// except the first, which shows <see cref="Connection"/>; no ingestion bounds but <see cref="Ingestion"/>; an
/// ordinary client user id unless <see cref="ClientId"/> says otherwise.
/// </summary>
internal sealed record ScenarioDefinition(
    string Name,
    string[] Providers,
    PullShape Shape = PullShape.Healthy,
    string? ErrorDetails = null,
    ScenarioTweak Tweak = ScenarioTweak.None)
{
    public ConnectionSituation Connection { get; init; }

    /// <summary>The connection's <c>error_type</c> when <see cref="Connection"/> is <see cref="ConnectionSituation.Error"/>.</summary>
    public string? ConnectionErrorType { get; init; }

    /// <summary>The scope the user denied (<see cref="ScenarioTweak.ScopesDenied"/>).</summary>
    public string? DeniedScope { get; init; }

    public IngestionSituation Ingestion { get; init; }

    public ClientIdKind ClientId { get; init; } = ClientIdKind.Customer;
}

/// <summary>The scenario names other projects' tests look users up by (<see cref="SimulatedTeam.Scenarios"/>).</summary>
public static class ScenarioNames
{
    public const string Healthy = "healthy";
    public const string FailedNoDetails = "failed_no_details";
    public const string LegacyError = "legacy_error";
    public const string StuckScheduled = "stuck_scheduled";
    public const string ScheduledRecent = "scheduled_recent";
    public const string StuckInProgress = "stuck_in_progress";
    public const string InProgressRecent = "in_progress_recent";
    public const string SuccessNoData = "success_no_data";
    public const string LowCoverage = "low_coverage";
    public const string NotPulled = "not_pulled";
    public const string NotPulledOnly = "not_pulled_only";
    public const string NoPulls = "no_pulls";
    public const string UnknownStatus = "unknown_status";
    public const string UnknownProvider = "unknown_provider";
    public const string UnknownResource = "unknown_resource";
    public const string TimelineOutOfOrder = "timeline_out_of_order";
    public const string SuccessWithoutEndedAt = "success_without_ended_at";
    public const string GarminFresh = "garmin_fresh";
    public const string DexcomOneDay = "dexcom_one_day";
    public const string StravaShortWindow = "strava_short_window";
    public const string ManyResources = "many_resources";
    public const string Evolving = "evolving";

    // The whole diagnosis: the user, the connections and the ongoing data (users 100 to 159, see ScenarioCatalog).
    public const string NoConnections = "no_connections";
    public const string RevokedToken = "revoked_token";
    public const string ScopesDenied = "scopes_denied";
    public const string StaleData = "stale_data";
    public const string HealthKitDelay = "healthkit_delay";
    public const string LastAttemptFailed = "last_attempt_failed";
    public const string ConnectionPaused = "connection_paused";
    public const string PasswordExpired = "password_expired";
    public const string UnknownErrorType = "unknown_error_type";
    public const string UnknownConnectionStatus = "unknown_connection_status";
    public const string PastIngestionEnd = "past_ingestion_end";
    public const string FutureIngestionStart = "future_ingestion_start";
    public const string ClientIdWithSlash = "client_id_with_slash";
    public const string ClientIdNonAscii = "client_id_non_ascii";
    public const string ClientIdUuidShaped = "client_id_uuid_shaped";
    public const string ClientIdWithSpaceAndPercent = "client_id_with_space_and_percent";

    /// <summary>The status the <c>unknown_status</c> user shows: one the spec does not list (yet).</summary>
    public const string UnknownStatusValue = "paused";

    /// <summary>The connection <c>error_type</c> the <c>unknown_error_type</c> user shows: one the spec does not list (yet).</summary>
    public const string UnknownErrorTypeValue = "quantum_entanglement_lost";

    /// <summary>The connection status the <c>unknown_connection_status</c> user shows: neither connected, error nor paused.</summary>
    public const string UnknownConnectionStatusValue = "suspended";

    /// <summary>The scope the <c>scopes_denied</c> user denied (Fitbit's <c>heartrate</c>: no heart rate, no HRV).</summary>
    public const string DeniedScopeValue = "heartrate";

    /// <summary><c>failed_&lt;error_details&gt;</c>, e.g. <c>failed_retry_quota_exhausted</c>.</summary>
    public static string Failed(string errorDetails) => "failed_" + errorDetails;

    /// <summary><c>retrying_&lt;error_details&gt;</c>, e.g. <c>retrying_provider_unavailable</c>.</summary>
    public static string Retrying(string errorDetails) => "retrying_" + errorDetails;

    /// <summary>
    /// Every scenario, in the order they are placed: the historical-pull ones among the first 60 users (a team smaller
    /// than that holds the first ones), then the whole-diagnosis ones among users 100 to 159 (a team of 116 or more holds
    /// them all).
    /// </summary>
    public static IReadOnlyList<string> All { get; } = ScenarioCatalog.Definitions.Select(d => d.Name).ToArray();

    /// <summary>The historical-pull scenarios (users 0 to 59), in placement order: the first ones of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> PullScenarios { get; } = ScenarioCatalog.PullDefinitions.Select(d => d.Name).ToArray();

    /// <summary>
    /// The whole-diagnosis scenarios (users 100 to 159), in placement order: what the user object, the connections and
    /// the ongoing data show (every pull of these users is healthy, but <c>future_ingestion_start</c>'s found no data).
    /// </summary>
    public static IReadOnlyList<string> DiagnosisScenarios { get; } = ScenarioCatalog.DiagnosisDefinitions.Select(d => d.Name).ToArray();
}

internal static class ScenarioCatalog
{
    /// <summary>The historical-pull scenario users sit at seeded positions within the first this many users.</summary>
    public const int PlacementWindow = 60;

    /// <summary>
    /// The whole-diagnosis scenario users sit at seeded positions from this user on, within <see cref="PlacementWindow"/>
    /// users: past the first window, so no earlier scenario moves, and past the first 100 users, so a team of up to 100
    /// answers exactly as it did before they came (other projects' tests hold such teams and assume every scenario user
    /// has pulls, which <c>no_connections</c> has not).
    /// </summary>
    public const int DiagnosisWindowStart = 100;

    // Scenario users not tied to one provider take turns over the popular ones.
    private static readonly string[] Rotation =
        ["fitbit", "oura", "garmin", "apple_health_kit", "health_connect", "whoop_v2", "withings", "polar", "samsung_health", "google_fit"];

    private static readonly (List<ScenarioDefinition> Pulls, List<ScenarioDefinition> Diagnosis) Built = Build();

    /// <summary>The scenarios of the first window (users 0 to 59), in placement order.</summary>
    public static IReadOnlyList<ScenarioDefinition> PullDefinitions { get; } = Built.Pulls;

    /// <summary>The scenarios of the second window (users 100 to 159), in placement order.</summary>
    public static IReadOnlyList<ScenarioDefinition> DiagnosisDefinitions { get; } = Built.Diagnosis;

    public static IReadOnlyList<ScenarioDefinition> Definitions { get; } = [.. PullDefinitions, .. DiagnosisDefinitions];

    private static (List<ScenarioDefinition> Pulls, List<ScenarioDefinition> Diagnosis) Build()
    {
        var turn = 0;
        string[] Next() => [Rotation[turn++ % Rotation.Length]];

        var list = new List<ScenarioDefinition> { new(ScenarioNames.Healthy, ["oura", "fitbit"]) };
        list.AddRange(PullErrorDetails.Retriable.Concat(PullErrorDetails.Permanent)
            .Select(d => new ScenarioDefinition(ScenarioNames.Failed(d.Value), Next(), PullShape.Failure, d.Value)));
        list.Add(new(ScenarioNames.FailedNoDetails, Next(), PullShape.Failure));
        list.Add(new(ScenarioNames.LegacyError, ["garmin"], PullShape.LegacyError));
        list.AddRange(PullErrorDetails.Retriable
            .Select(d => new ScenarioDefinition(ScenarioNames.Retrying(d.Value), Next(), PullShape.Retrying, d.Value)));
        list.Add(new(ScenarioNames.StuckScheduled, Next(), PullShape.ScheduledStuck));
        list.Add(new(ScenarioNames.ScheduledRecent, Next(), PullShape.ScheduledRecent));
        list.Add(new(ScenarioNames.StuckInProgress, Next(), PullShape.InProgressStuck));
        list.Add(new(ScenarioNames.InProgressRecent, Next(), PullShape.InProgressRecent));
        list.Add(new(ScenarioNames.SuccessNoData, Next(), PullShape.SuccessNoData));
        list.Add(new(ScenarioNames.LowCoverage, ["oura"], PullShape.LowCoverage));
        list.Add(new(ScenarioNames.NotPulled, ["oura"], Tweak: ScenarioTweak.NotPulled));
        list.Add(new(ScenarioNames.NotPulledOnly, ["fitbit"], Tweak: ScenarioTweak.NotPulledOnly));
        list.Add(new(ScenarioNames.NoPulls, ["fitbit"], Tweak: ScenarioTweak.NoPulls));
        list.Add(new(ScenarioNames.UnknownStatus, ["oura"], PullShape.UnknownStatus));
        list.Add(new(ScenarioNames.UnknownProvider, [ProviderCatalog.UnknownProviderSlug]));
        list.Add(new(ScenarioNames.UnknownResource, ["oura"], Tweak: ScenarioTweak.UnknownResource));
        list.Add(new(ScenarioNames.TimelineOutOfOrder, ["fitbit"], PullShape.OutOfOrder));
        list.Add(new(ScenarioNames.SuccessWithoutEndedAt, ["withings"], PullShape.SuccessWithoutEndedAt));
        list.Add(new(ScenarioNames.GarminFresh, ["garmin"], PullShape.GarminFresh));
        list.Add(new(ScenarioNames.DexcomOneDay, ["dexcom"], Tweak: ScenarioTweak.OneDayWindow));
        list.Add(new(ScenarioNames.StravaShortWindow, ["strava"]));
        list.Add(new(ScenarioNames.ManyResources, ["apple_health_kit", "fitbit", "garmin", "oura", "withings", "whoop_v2"], Tweak: ScenarioTweak.ManyResources));
        list.Add(new(ScenarioNames.Evolving, ["oura"], PullShape.Evolving));

        // Every pull of these users is healthy (but future_ingestion_start's, which found no data): what they show is
        // in the user object, the connections and the ongoing data.
        List<ScenarioDefinition> diagnosis =
        [
            new(ScenarioNames.NoConnections, [], Tweak: ScenarioTweak.NoPulls),
            new(ScenarioNames.RevokedToken, ["google_health"])
            {
                Connection = ConnectionSituation.Error, ConnectionErrorType = ConnectionErrorTypes.TokenRefreshFailed,
            },
            new(ScenarioNames.ScopesDenied, ["fitbit"], Tweak: ScenarioTweak.ScopesDenied)
            {
                Connection = ConnectionSituation.ScopesDenied, DeniedScope = ScenarioNames.DeniedScopeValue,
            },
            new(ScenarioNames.StaleData, ["oura"]) { Connection = ConnectionSituation.Stale },
            new(ScenarioNames.HealthKitDelay, ["apple_health_kit"]) { Connection = ConnectionSituation.SyncDelayed },
            new(ScenarioNames.LastAttemptFailed, ["withings"]) { Connection = ConnectionSituation.LastAttemptFailed },
            new(ScenarioNames.ConnectionPaused, ["fitbit"]) { Ingestion = IngestionSituation.PausedAfterEnd },
            new(ScenarioNames.PasswordExpired, ["abbott_libreview"])
            {
                Connection = ConnectionSituation.Error, ConnectionErrorType = ConnectionErrorTypes.ProviderPasswordExpired,
            },
            new(ScenarioNames.UnknownErrorType, ["oura"])
            {
                Connection = ConnectionSituation.Error, ConnectionErrorType = ScenarioNames.UnknownErrorTypeValue,
            },
            new(ScenarioNames.UnknownConnectionStatus, ["whoop_v2"]) { Connection = ConnectionSituation.UnknownStatus },
            new(ScenarioNames.PastIngestionEnd, ["polar"]) { Ingestion = IngestionSituation.PastEnd },
            new(ScenarioNames.FutureIngestionStart, ["dexcom_v3"], PullShape.SuccessNoData) { Ingestion = IngestionSituation.FutureStart },
            new(ScenarioNames.ClientIdWithSlash, Next()) { ClientId = ClientIdKind.WithSlash },
            new(ScenarioNames.ClientIdNonAscii, Next()) { ClientId = ClientIdKind.NonAscii },
            new(ScenarioNames.ClientIdUuidShaped, Next()) { ClientId = ClientIdKind.UuidShaped },
            new(ScenarioNames.ClientIdWithSpaceAndPercent, Next()) { ClientId = ClientIdKind.SpaceAndPercent },
        ];

        var all = list.Concat(diagnosis).ToList();
        if (list.Count > PlacementWindow || diagnosis.Count > PlacementWindow || all.DistinctBy(d => d.Name).Count() != all.Count)
        {
            throw new InvalidOperationException("Scenario names must be unique and each list must fit its placement window.");
        }

        return (list, diagnosis);
    }
}
