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
}

/// <summary>
/// One guaranteed situation: the user at its position has <see cref="Providers"/>, every pull healthy except the
/// first resource of the first provider, which has <see cref="Shape"/>.
/// </summary>
internal sealed record ScenarioDefinition(
    string Name,
    string[] Providers,
    PullShape Shape = PullShape.Healthy,
    string? ErrorDetails = null,
    ScenarioTweak Tweak = ScenarioTweak.None);

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

    /// <summary>The status the <c>unknown_status</c> user shows: one the spec does not list (yet).</summary>
    public const string UnknownStatusValue = "paused";

    /// <summary><c>failed_&lt;error_details&gt;</c>, e.g. <c>failed_retry_quota_exhausted</c>.</summary>
    public static string Failed(string errorDetails) => "failed_" + errorDetails;

    /// <summary><c>retrying_&lt;error_details&gt;</c>, e.g. <c>retrying_provider_unavailable</c>.</summary>
    public static string Retrying(string errorDetails) => "retrying_" + errorDetails;

    /// <summary>Every scenario, in the order they are placed (a team smaller than the list holds the first ones).</summary>
    public static IReadOnlyList<string> All { get; } = ScenarioCatalog.Definitions.Select(d => d.Name).ToArray();
}

internal static class ScenarioCatalog
{
    /// <summary>Scenario users sit at seeded positions within the first this many users.</summary>
    public const int PlacementWindow = 60;

    // Scenario users not tied to one provider take turns over the popular ones.
    private static readonly string[] Rotation =
        ["fitbit", "oura", "garmin", "apple_health_kit", "health_connect", "whoop_v2", "withings", "polar", "samsung_health", "google_fit"];

    public static IReadOnlyList<ScenarioDefinition> Definitions { get; } = Build();

    private static List<ScenarioDefinition> Build()
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

        if (list.Count > PlacementWindow || list.DistinctBy(d => d.Name).Count() != list.Count)
        {
            throw new InvalidOperationException("Scenario names must be unique and fit the placement window.");
        }

        return list;
    }
}
