using System.Collections.Frozen;
using Dashboard.Diagnosis;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// One chart colour per finding code, the same on every page and every day, so a code is recognised across providers'
/// trend charts (MudBlazor's palette goes by position: <c>pull_failed</c> was blue on one provider's chart and another
/// colour on the next). Codes that mirror a pull status take its colour (<c>pull_failed</c> the failures' red,
/// <c>pull_retrying</c> the retries' amber, <c>pull_stuck_scheduled</c> the scheduled grey, <c>pull_stuck_in_progress</c>
/// the blue of in progress, <c>unknown_status</c> the unknown purple); none is so dark it vanishes on the dark theme,
/// and the legend names every code beside its colour.
/// </summary>
public static class FindingPalette
{
    private static readonly FrozenDictionary<string, string> Colors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FindingCodes.PullFailed] = StatusPalette.Failure.ChartColor,
        [FindingCodes.PullRetrying] = StatusPalette.Retrying.ChartColor,
        [FindingCodes.PullStuckScheduled] = StatusPalette.Scheduled.ChartColor,
        [FindingCodes.PullStuckInProgress] = StatusPalette.InProgress.ChartColor,
        [FindingCodes.PullInProgress] = "#4fc3f7",
        [FindingCodes.PullNoData] = "#00897b",
        [FindingCodes.PullLowCoverage] = "#81c784",
        [FindingCodes.ResourcesNotPulled] = "#3949ab",
        [FindingCodes.NoPullData] = "#546e7a",
        [FindingCodes.UnknownStatus] = StatusPalette.Unknown.ChartColor,
        [FindingCodes.TimelineAnomaly] = "#bcaaa4",
        [FindingCodes.UserNotFound] = "#ff7043",
        [FindingCodes.NoConnections] = "#90a4ae",
        [FindingCodes.ConnectionError] = "#c2185b",
        [FindingCodes.ConnectionPaused] = "#9e9d24",
        [FindingCodes.UnknownConnectionStatus] = "#f48fb1",
        [FindingCodes.ScopesDenied] = "#8d6e63",
        [FindingCodes.DataStale] = "#f9a825",
        [FindingCodes.DataDelayNormal] = "#b0bec5",
        [FindingCodes.LastAttemptFailed] = "#ef9a9a",
        [FindingCodes.OutsideIngestionBounds] = "#cfd8dc",
        [FindingCodes.SourceUnavailable] = "#9575cd",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The code's chart colour; a code this version does not know gets a neutral grey.</summary>
    public static string ChartColor(string code) => Colors.GetValueOrDefault(code, "#757575");
}
