using Dashboard.Diagnosis;
using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// How one pull status looks everywhere in the dashboard: a colour, an icon and a label, so a status is never shown
/// by colour alone.
/// </summary>
/// <param name="Status">The status value this entry was made for, verbatim (<c>null</c> for the generic unknown entry).</param>
/// <param name="Label">The label for people, from <see cref="StatusRanker.DisplayName(PullStatus)"/>: "Succeeded", "Unknown: paused"…</param>
/// <param name="Color">The MudBlazor colour, for Mud components (<c>MudIcon</c>, <c>MudChip</c>…).</param>
/// <param name="CssColor">
/// The same colour as a CSS value over MudBlazor's palette variables (<c>var(--mud-palette-success)</c>), for SVG
/// fills and custom CSS; it follows the theme, dark mode included.
/// </param>
/// <param name="ChartColor">The same hue as a plain colour (<c>#2e7d32</c>), for charts, which cannot use CSS variables.</param>
/// <param name="Icon">A Material icon.</param>
/// <param name="CssClass">A stable class name, <c>status-success</c> … <c>status-unknown</c>, for styling and tests.</param>
public sealed record StatusStyle(PullStatus? Status, string Label, Color Color, string CssColor, string ChartColor, TrustedIcon Icon, string CssClass);
