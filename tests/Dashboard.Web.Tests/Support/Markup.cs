using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Support;

/// <summary>Small helpers for comparing rendered markup.</summary>
internal static partial class Markup
{
    /// <summary>An SVG fragment with self-closing tags and whitespace normalized, so a MudBlazor icon string compares with its rendering.</summary>
    public static string Svg(string fragment) =>
        SelfClosing().Replace(Whitespace().Replace(fragment, " "), "<$1$2/>").Replace("> <", "><", StringComparison.Ordinal).Trim();

    /// <summary>The sprite symbol an icon's <c>&lt;use&gt;</c> refers to (<c>icon-check-circle</c>), or null.</summary>
    public static string? IconId(AngleSharp.Dom.IElement svg) => svg.QuerySelector("use")?.GetAttribute("href")?.TrimStart('#');

    /// <summary>Text with runs of whitespace (from markup indentation) collapsed to one space.</summary>
    public static string Text(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"<(\w+)([^>]*?)\s*(?:/>|></\1>)")]
    private static partial Regex SelfClosing();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
