using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// What a click in a provider's resource table carries to the table's one handler: the row's key,
/// "provider/resource" (null outside a row), and the action of the control clicked (<c>data-action</c>, such as
/// <see cref="ResourceRowActions.CopyTrace"/>), null for the row itself. <c>dashboard.js</c> makes it from the
/// browser's event.
/// </summary>
public sealed class ResourceRowEventArgs : EventArgs
{
    public string? Key { get; set; }

    public string? Action { get; set; }
}

/// <summary>The <c>data-action</c> values of the controls inside a resource row's markup.</summary>
public static class ResourceRowActions
{
    /// <summary>The row's copy button: copies that row's trace id (the server's, never a value the browser sends).</summary>
    public const string CopyTrace = "copy-trace";
}

/// <summary>
/// A provider's resource table has one click handler on its body instead of two a row (the row's and its copy
/// button's): each handler, and each element drawn around it, is held by the open page for the whole visit
/// (docs/decisions/0010-lean-circuits.md). <c>dashboard.js</c> registers <c>resourcerowclick</c> (click). The Razor
/// compiler reads <c>[EventHandler]</c> only from a class named <c>EventHandlers</c>, as Blazor's own.
/// </summary>
[EventHandler("onresourcerowclick", typeof(ResourceRowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
