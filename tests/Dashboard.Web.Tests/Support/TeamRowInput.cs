using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Components.Pages.Team;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A click in the team grid's body, as dashboard.js delivers it: the grid's one handler
/// (<see cref="Dashboard.Web.Components.Pages.Team.EventHandlers"/>) receives the row's user, the <c>data-action</c> of
/// the control clicked (or <see cref="TeamRowActions.Control"/> for another link or button), and the click count. The
/// browser journeys drive the script itself.
/// </summary>
internal static class TeamRowInput
{
    /// <summary>Clicks <paramref name="element"/> (a row or anything in it) with the mouse (<paramref name="detail"/> 1) or a key (0).</summary>
    public static void ClickInTeamRow(this IElement element, long detail = 1)
    {
        var row = element.Closest("tbody tr") ?? throw new ArgumentException("Not in a grid row.", nameof(element));
        var control = element.Closest("[data-action], a, button, input, label");
        control = control is not null && row.Contains(control) ? control : null;
        element.TriggerEvent("onteamrowclick", new TeamRowEventArgs
        {
            UserId = row.QuerySelector("[data-user-id]")?.GetAttribute("data-user-id"),
            Action = control is null ? null : control.GetAttribute("data-action") ?? TeamRowActions.Control,
            Detail = detail,
        });
    }
}
