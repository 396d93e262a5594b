using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Components.Timeline;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A person's click, key press, focus or hover on a timeline row, as dashboard.js delivers it: the chart's shared
/// handler (<see cref="Dashboard.Web.Components.Timeline.EventHandlers"/>) receives the event with the row's key. The browser journeys drive the
/// script itself.
/// </summary>
internal static class TimelineRowInput
{
    public static void ClickRow(this IElement row) => row.TriggerEvent("ontimelinerowclick", Args(row));

    public static void KeyDownRow(this IElement row, string key, string code) =>
        row.TriggerEvent("ontimelinerowkeydown", new TimelineRowEventArgs { Key = KeyOf(row), KeyName = key, Code = code });

    public static void FocusRow(this IElement row) => row.TriggerEvent("ontimelinerowfocus", Args(row));

    public static void HoverRow(this IElement row) => row.TriggerEvent("ontimelinerowhover", Args(row));

    private static TimelineRowEventArgs Args(IElement row) => new() { Key = KeyOf(row) };

    private static string KeyOf(IElement row) =>
        row.GetAttribute("data-key") ?? throw new ArgumentException("Not a timeline row (no data-key).", nameof(row));
}
