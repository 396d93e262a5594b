using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A small single-choice switch as MudToggleGroup draws it (a <c>role="group"</c> of buttons with
/// <c>role="checkbox"</c> and <c>aria-checked</c>, MudBlazor's classes), written into the render tree of the component
/// that shows it. MudToggleGroup made a group, a cascading value, and a toggle item and a button per choice: eight
/// components for the app bar's three time modes, on every open page, each holding two render trees
/// (docs/decisions/0010-lean-circuits.md).
/// </summary>
public static class ToggleButtons
{
    /// <summary>
    /// The switch over <paramref name="choices"/> (value and text, in order) with <paramref name="selected"/> chosen.
    /// A click on another choice calls <paramref name="choose"/> through <paramref name="receiver"/> (the component,
    /// which then draws again); a click on the chosen one does nothing.
    /// </summary>
    public static RenderFragment Draw<T>(
        IHandleEvent receiver,
        string ariaLabel,
        IReadOnlyList<(T Value, string Text)> choices,
        T selected,
        Func<T, Task> choose,
        ToggleLook look = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(choose);
        return builder => Write(builder, receiver, ariaLabel, choices, selected, choose, look);
    }

    private static void Write<T>(
        RenderTreeBuilder builder, IHandleEvent receiver, string ariaLabel, IReadOnlyList<(T Value, string Text)> choices, T selected, Func<T, Task> choose, ToggleLook look)
    {
        var color = look.Color ?? "primary";
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "role", "group");
        builder.AddAttribute(2, "class", $"mud-toggle-group mud-toggle-group-horizontal mud-toggle-group-size-small mud-toggle-group-{color} mud-toggle-group-outlined toggle-buttons{Space(look.CssClass)}");
        builder.AddAttribute(3, "style", $"grid-template-columns:repeat({choices.Count}, minmax(0, 1fr));");
        builder.AddAttribute(4, "aria-label", ariaLabel);
        builder.AddAttribute(5, "data-testid", look.TestId);
        foreach (var (value, text) in choices)
        {
            var chosen = EqualityComparer<T>.Default.Equals(value, selected);
            builder.OpenElement(6, "button");
            builder.AddAttribute(7, "class", chosen
                ? $"{ButtonLook.Classes(Variant.Filled, Size.Small, color)} mud-toggle-item{Space(look.SelectedClass)} mud-toggle-item-selected mud-toggle-item-delimiter mud-toggle-item-size-small"
                : $"{ButtonLook.Classes(Variant.Outlined, Size.Small, color)} mud-toggle-item mud-toggle-item-delimiter mud-toggle-item-size-small");
            builder.AddAttribute(8, "role", "checkbox");
            builder.AddAttribute(9, "aria-checked", chosen ? "true" : "false");
            builder.AddAttribute(10, "type", "button");
            if (!chosen)
            {
                builder.AddAttribute(11, "onclick", EventCallback.Factory.Create<MouseEventArgs>(receiver, () => choose(value)));
            }

            builder.OpenElement(12, "span");
            builder.AddAttribute(13, "class", "mud-button-label");
            builder.AddContent(14, text);
            builder.CloseElement();
            builder.CloseElement();
        }

        builder.CloseElement();
    }

    private static string Space(string? cssClass) => string.IsNullOrEmpty(cssClass) ? string.Empty : " " + cssClass;
}

/// <summary>How a <see cref="ToggleButtons"/> switch looks: MudBlazor's colour name (<c>primary</c> unless set), a class for the group, one for the chosen button, a test id.</summary>
public readonly record struct ToggleLook(string? Color = null, string? CssClass = null, string? SelectedClass = null, string? TestId = null);
