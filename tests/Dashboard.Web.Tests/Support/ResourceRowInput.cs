using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Components.Pages.Users;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A person's click in a provider's resource table, as dashboard.js delivers it: the table's one handler
/// (<see cref="Dashboard.Web.Components.Pages.Users.EventHandlers"/>) receives the row's key and the <c>data-action</c>
/// of the control clicked, if any. The browser journeys drive the script itself.
/// </summary>
internal static class ResourceRowInput
{
    /// <summary>Clicks <paramref name="element"/>: a row, or anything inside one (its copy button, its link).</summary>
    public static void ClickInResourceRow(this IElement element)
    {
        var row = element.Closest("tr[data-key]") ?? throw new ArgumentException("Not in a resource row (no data-key).", nameof(element));
        var control = element.Closest("[data-action]");
        element.TriggerEvent("onresourcerowclick", new ResourceRowEventArgs
        {
            Key = row.GetAttribute("data-key"),
            Action = control is not null && row.Contains(control) ? control.GetAttribute("data-action") : null,
        });
    }
}
