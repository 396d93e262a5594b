using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A Material icon as plain SVG markup rather than a <c>MudIcon</c> component: tables repeat status and copy icons
/// on every row, and a component per icon costs every open circuit memory for the whole visit.
/// </summary>
public static class Svg
{
    public static MarkupString Icon(TrustedIcon icon, string? color = null, int size = 20, string? cssClass = null) =>
        new MarkupWriter(256).Icon(icon, size, color, cssClass).ToMarkup();
}
