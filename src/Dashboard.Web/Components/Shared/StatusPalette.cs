using Dashboard.Diagnosis;
using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The one place that decides a pull status's colour, icon and label: the five documented statuses, the legacy
/// <c>error</c> and every value this version does not know. The timeline, legends, chips, charts and grids all ask here.
/// </summary>
/// <remarks>
/// Colours: success green, failure (and the legacy <c>error</c>) red, retrying amber, in progress blue, scheduled a
/// neutral grey (nothing is happening yet), unknown the theme's secondary colour (it may be bad and nobody can say).
/// Failure and <c>error</c> share the colour (the legacy value means a failure) but not the icon, so a legend can
/// tell them apart. Chart colours are the light theme's values of the same palette entries (DashboardTheme).
/// </remarks>
public static class StatusPalette
{
    /// <summary>The documented statuses.</summary>
    public static StatusStyle Success { get; } = Make(PullStatus.Success, Color.Success, "var(--mud-palette-success)", "#2e7d32", TrustedIcon.CheckCircle);

    public static StatusStyle Failure { get; } = Make(PullStatus.Failure, Color.Error, "var(--mud-palette-error)", "#d32f2f", TrustedIcon.Error);

    /// <summary>The older docs' name for a failure; same colour as <see cref="Failure"/>, its own icon and label.</summary>
    public static StatusStyle LegacyError { get; } = Make(PullStatus.Error, Color.Error, "var(--mud-palette-error)", "#d32f2f", TrustedIcon.ErrorOutline);

    public static StatusStyle Retrying { get; } = Make(PullStatus.Retrying, Color.Warning, "var(--mud-palette-warning)", "#b45309", TrustedIcon.Replay);

    public static StatusStyle InProgress { get; } = Make(PullStatus.InProgress, Color.Info, "var(--mud-palette-info)", "#0277bd", TrustedIcon.Sync);

    public static StatusStyle Scheduled { get; } = Make(PullStatus.Scheduled, Color.Default, "var(--mud-palette-action-default)", "#9e9e9e", TrustedIcon.Schedule);

    /// <summary>The entry for any status this version does not know; <see cref="For"/> gives it the value's own label.</summary>
    public static StatusStyle Unknown { get; } = new(
        null, "Unknown status", Color.Secondary, "var(--mud-palette-secondary)", "#7b1fa2", TrustedIcon.HelpOutline, "status-unknown");

    /// <summary>No historical pull at all (a provider with nothing pulled, a resource with ongoing data only): neutral, nothing is wrong by itself.</summary>
    public static StatusStyle NotPulled { get; } = new(
        null, "Nothing pulled", Color.Default, "var(--mud-palette-action-default)", "#9e9e9e", TrustedIcon.RemoveCircleOutline, "status-none");

    /// <summary>Every entry a legend shows, worst first (the order of <see cref="StatusRanker.Known"/>), unknown last.</summary>
    public static IReadOnlyList<StatusStyle> Legend { get; } = [Failure, LegacyError, Retrying, Scheduled, InProgress, Success, Unknown];

    private static readonly StatusStyle[] KnownStyles = [Success, Failure, LegacyError, Retrying, InProgress, Scheduled];

    /// <summary>
    /// The style of a status value. Unknown values (and none at all) get <see cref="Unknown"/>'s colour and icon
    /// with their own label, "Unknown: paused", so the value is shown verbatim.
    /// </summary>
    public static StatusStyle For(PullStatus? status)
    {
        if (status is not { } value)
        {
            return NotPulled;
        }

        foreach (var style in KnownStyles)
        {
            if (style.Status == value)
            {
                return style;
            }
        }

        return Unknown with { Status = value, Label = StatusRanker.DisplayName(value) };
    }

    /// <summary>
    /// The chart series for these statuses, in their order. A chart shows colour alone (no icon beside a bar), so
    /// statuses that share a colour share a series: the legacy <c>error</c> is counted with the failures, and the values
    /// this version does not know make one series. A series of one status keeps that status's label; the failures'
    /// is "Failed", the unknown values' "Unknown statuses". No two series have the same colour.
    /// </summary>
    public static IReadOnlyList<ChartStatusSeries> ChartSeries(IEnumerable<PullStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);

        var series = new List<(StatusStyle Style, List<PullStatus> Statuses)>();
        foreach (var status in statuses)
        {
            var style = For(status);
            var index = series.FindIndex(s => s.Style.ChartColor == style.ChartColor);
            if (index < 0)
            {
                series.Add((style, [status]));
            }
            else if (!series[index].Statuses.Contains(status))
            {
                series[index].Statuses.Add(status);
            }
        }

        return
        [
            .. series.Select(s => new ChartStatusSeries(
                s.Statuses.Count == 1 ? s.Style.Label : s.Style.ChartColor == Failure.ChartColor ? Failure.Label : "Unknown statuses",
                s.Style.ChartColor,
                s.Statuses)),
        ];
    }

    private static StatusStyle Make(PullStatus status, Color color, string cssColor, string chartColor, TrustedIcon icon) =>
        new(status, StatusRanker.DisplayName(status), color, cssColor, chartColor, icon, "status-" + status.Value.Replace('_', '-'));
}
