using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// MudButton's look on a plain <c>&lt;button&gt;</c> or <c>&lt;a&gt;</c>: its classes and its label with a start icon.
/// An open page keeps every component's two render trees, so buttons that need nothing of MudButton's behaviour are drawn
/// as elements (docs/decisions/0010-lean-circuits.md); this is the one place that knows what MudButton writes.
/// </summary>
public static class ButtonLook
{
    /// <summary>MudButton's classes for <paramref name="variant"/>, <paramref name="size"/> and a colour name (<c>default</c>, <c>primary</c>, <c>secondary</c>…).</summary>
    public static string Classes(Variant variant, Size size, string color = "default")
    {
        var look = Name(variant);
        return $"mud-button-root mud-button mud-button-{look} mud-button-{look}-{color} mud-button-{look}-size-{Name(size)} mud-ripple";
    }

    /// <summary>MudButton's label: <paramref name="icon"/> as its start icon, then <paramref name="text"/> (encoded).</summary>
    public static MarkupString Label(TrustedIcon icon, string text, Size size = Size.Medium)
    {
        var name = Name(size);
        return new MarkupWriter(256)
            .Open("span", ("class", "mud-button-label"))
            .Open("span", ("class", $"mud-button-icon-start mud-button-icon-size-{name}"))
            .Icon(icon, cssClass: $"mud-icon-root mud-svg-icon mud-icon-size-{name}")
            .Close("span")
            .Text(text)
            .Close("span")
            .ToMarkup();
    }

    private static string Name(Variant variant) => variant switch
    {
        Variant.Text => "text",
        Variant.Filled => "filled",
        Variant.Outlined => "outlined",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    private static string Name(Size size) => size switch
    {
        Size.Small => "small",
        Size.Medium => "medium",
        Size.Large => "large",
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };
}
