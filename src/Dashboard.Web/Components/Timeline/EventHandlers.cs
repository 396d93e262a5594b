using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// What a timeline row's click, key, focus or hover carries to the chart's one handler of each
/// (<see cref="EventHandlers"/>): the row's key, "provider/resource", null outside a row, and for a key press
/// the key's name and code. <c>dashboard.js</c> makes it from the browser's event.
/// </summary>
public sealed class TimelineRowEventArgs : EventArgs
{
    public string? Key { get; set; }

    /// <summary><c>KeyboardEvent.key</c> for a key press ("Enter", " "), else null.</summary>
    public string? KeyName { get; set; }

    /// <summary><c>KeyboardEvent.code</c> for a key press ("Space", "NumpadEnter"), else null.</summary>
    public string? Code { get; set; }
}

/// <summary>
/// The timeline's rows share four handlers on the chart instead of four each: a handler registered per row is held by
/// the open page for the whole visit (docs/decisions/0010-lean-circuits.md). <c>dashboard.js</c> registers the event
/// types: <c>timelinerowclick</c> (click), <c>timelinerowkeydown</c> (keydown), <c>timelinerowfocus</c> (focusin) and
/// <c>timelinerowhover</c> (the pointer entering another row). The Razor compiler reads <c>[EventHandler]</c> only
/// from a class named <c>EventHandlers</c>, as Blazor's own, and only where its namespace is imported.
/// </summary>
[EventHandler("ontimelinerowclick", typeof(TimelineRowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("ontimelinerowkeydown", typeof(TimelineRowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("ontimelinerowfocus", typeof(TimelineRowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("ontimelinerowhover", typeof(TimelineRowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
