using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// What a click in the team grid's body carries to the grid's one handler: the row's user (its <c>data-user-id</c>,
/// null outside a row), the action of the control clicked (<c>data-action</c>, such as
/// <see cref="TeamRowActions.CopyUserId"/>; <see cref="TeamRowActions.Control"/> for another link or button of the
/// row, which does its own thing; null for the row itself), and the click count (0 when a key pressed a button).
/// <c>dashboard.js</c> makes it from the browser's event.
/// </summary>
public sealed class TeamRowEventArgs : EventArgs
{
    public string? UserId { get; set; }

    public string? Action { get; set; }

    public long Detail { get; set; }
}

/// <summary>The <c>data-action</c> values of a grid row's controls, and the one for any other link or button in it.</summary>
public static class TeamRowActions
{
    /// <summary>The row's copy button: copies that row's user id.</summary>
    public const string CopyUserId = "copy-user";

    /// <summary>A link or button without an action of its own here (the user's link, a provider chip): it navigates itself.</summary>
    public const string Control = "control";
}

/// <summary>
/// The team grid has one click handler on its body instead of one a row (MudDataGrid's row click) and one a copy
/// button: each handler, and the elements drawn around it, is held by the open grid for the whole visit
/// (docs/decisions/0010-lean-circuits.md). It also lets a click on a provider chip (a link in the row's markup) open
/// that provider, where the row's own click followed it to the user's page without one. <c>dashboard.js</c>
/// registers <c>teamrowclick</c> (click). The Razor compiler reads <c>[EventHandler]</c> only from a class named
/// <c>EventHandlers</c>, as Blazor's own.
/// </summary>
[EventHandler("onteamrowclick", typeof(TeamRowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
