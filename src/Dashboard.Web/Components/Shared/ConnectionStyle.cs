using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>The look of one connection status: words, a MudBlazor colour, the same colour for CSS, an icon and a class.</summary>
/// <param name="Label">The words for people: "Connected", "Connection broken", "Paused", "Unknown: …".</param>
/// <param name="Color">The MudBlazor colour, for Mud components.</param>
/// <param name="CssColor">The same colour as a CSS value over MudBlazor's palette variables; it follows the theme.</param>
/// <param name="Icon">A Material icon.</param>
/// <param name="CssClass">A stable class name, <c>connection-connected</c> … <c>connection-unknown</c>.</param>
/// <param name="Short">
/// The words where a heading already says "connection" (the team grid's Connection column): "Broken"; null when they
/// are <paramref name="Label"/>'s.
/// </param>
public sealed record ConnectionStyle(string Label, Color Color, string CssColor, TrustedIcon Icon, string CssClass, string? Short = null)
{
    /// <summary><see cref="Short"/>, or the label.</summary>
    public string ShortLabel => Short ?? Label;
}
