using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A Material icon as plain SVG markup rather than a <c>MudIcon</c> component: tables repeat status and copy icons
/// on every row, and a component per icon costs every open circuit memory for the whole visit.
/// </summary>
public static class Svg
{
    /// <summary>
    /// <paramref name="icon"/> is one of MudBlazor's <c>Icons.Material…</c> constants (trusted SVG fragments), never
    /// text from the upstream.
    /// </summary>
    public static MarkupString Icon(string icon, string? color = null, int size = 20, string? cssClass = null) => new(
        $"<svg class=\"inline-icon{(cssClass is null ? string.Empty : " " + cssClass)}\" viewBox=\"0 0 24 24\" width=\"{size}\" height=\"{size}\" focusable=\"false\" aria-hidden=\"true\""
        + (color is null ? string.Empty : $" style=\"color: {color}\"")
        + $">{icon}</svg>");
}
