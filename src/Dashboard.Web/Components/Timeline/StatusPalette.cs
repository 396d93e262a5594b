using Dashboard.Diagnosis;
using MudBlazor;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// How one pull status looks everywhere in the dashboard: a colour, an icon and a label, so a status is never shown
/// by colour alone (UI.md lesson 3).
/// </summary>
/// <param name="Status">The status value this entry was made for, verbatim (<c>null</c> for the generic unknown entry).</param>
/// <param name="Label">The label for people, from <see cref="StatusOrder.DisplayName(string?)"/>: "Succeeded", "Unknown: paused"…</param>
/// <param name="Color">The MudBlazor colour, for Mud components (<c>MudIcon</c>, <c>MudChip</c>…).</param>
/// <param name="CssColor">
/// The same colour as a CSS value over MudBlazor's palette variables (<c>var(--mud-palette-success)</c>), for SVG
/// fills and custom CSS; it follows the theme, dark mode included.
/// </param>
/// <param name="Icon">A Material icon (an SVG fragment from <see cref="Icons.Material"/>), for <c>MudIcon Icon="…"</c>.</param>
/// <param name="CssClass">A stable class name, <c>status-success</c> … <c>status-unknown</c>, for styling and tests.</param>
public sealed record StatusStyle(string? Status, string Label, Color Color, string CssColor, string Icon, string CssClass);

/// <summary>
/// The one place that decides a pull status's colour, icon and label: the five documented statuses, the legacy
/// <c>error</c> and every value this version does not know. The timeline, legends, chips and grids all ask here.
/// </summary>
/// <remarks>
/// Colours: success green, failure (and the legacy <c>error</c>) red, retrying amber, in progress blue, scheduled a
/// neutral grey (nothing is happening yet), unknown the theme's secondary colour (it may be bad and nobody can say).
/// Failure and <c>error</c> share the colour (the legacy value means a failure) but not the icon, so a legend can
/// tell them apart.
/// </remarks>
public static class StatusPalette
{
    /// <summary>The documented statuses.</summary>
    public static StatusStyle Success { get; } = Make("success", Color.Success, "var(--mud-palette-success)", Icons.Material.Filled.CheckCircle);

    public static StatusStyle Failure { get; } = Make("failure", Color.Error, "var(--mud-palette-error)", Icons.Material.Filled.Error);

    /// <summary>The older docs' name for a failure; same colour as <see cref="Failure"/>, its own icon and label.</summary>
    public static StatusStyle LegacyError { get; } = Make("error", Color.Error, "var(--mud-palette-error)", Icons.Material.Filled.ErrorOutline);

    public static StatusStyle Retrying { get; } = Make("retrying", Color.Warning, "var(--mud-palette-warning)", Icons.Material.Filled.Replay);

    public static StatusStyle InProgress { get; } = Make("in_progress", Color.Info, "var(--mud-palette-info)", Icons.Material.Filled.Sync);

    public static StatusStyle Scheduled { get; } = Make("scheduled", Color.Default, "var(--mud-palette-action-default)", Icons.Material.Filled.Schedule);

    /// <summary>The entry for any status this version does not know; <see cref="For"/> gives it the value's own label.</summary>
    public static StatusStyle Unknown { get; } = new(
        null, "Unknown status", Color.Secondary, "var(--mud-palette-secondary)", Icons.Material.Filled.HelpOutline, "status-unknown");

    /// <summary>Every entry a legend shows, worst first (the order of <see cref="StatusOrder.Known"/>), unknown last.</summary>
    public static IReadOnlyList<StatusStyle> Legend { get; } = [Failure, LegacyError, Retrying, Scheduled, InProgress, Success, Unknown];

    /// <summary>
    /// The style of a status value. Unknown values (and null or empty) get <see cref="Unknown"/>'s colour and icon
    /// with their own label, "Unknown: paused", so the value is shown verbatim.
    /// </summary>
    public static StatusStyle For(string? status) => status switch
    {
        "success" => Success,
        "failure" => Failure,
        "error" => LegacyError,
        "retrying" => Retrying,
        "in_progress" => InProgress,
        "scheduled" => Scheduled,
        _ => Unknown with { Status = status, Label = StatusOrder.DisplayName(status) },
    };

    /// <summary>True when <paramref name="status"/> has its own entry (it is not shown with the unknown style).</summary>
    public static bool IsKnown(string? status) => status is "success" or "failure" or "error" or "retrying" or "in_progress" or "scheduled";

    private static StatusStyle Make(string status, Color color, string cssColor, string icon) =>
        new(status, StatusOrder.DisplayName(status), color, cssColor, icon, "status-" + status.Replace('_', '-'));
}
