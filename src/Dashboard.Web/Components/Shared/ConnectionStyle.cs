using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>The look of one connection status: words, a MudBlazor colour, the same colour for CSS, an icon and a class.</summary>
public sealed record ConnectionStyle(string Label, Color Color, string CssColor, TrustedIcon Icon, string CssClass);
