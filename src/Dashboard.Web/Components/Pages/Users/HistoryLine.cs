using Dashboard.Diagnosis;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Shared;
using Vital.Introspection;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// One pull's or connection's status history on the user page, in words: what it is now and since when, what it was
/// before and for how long ("Failed since Tue 04:02; retrying for 2 hours before that"), and every recorded change.
/// </summary>
public sealed record HistoryLine(string Subject, string? Provider, string? Resource, ItemHistory Item, string Now, string? Before)
{
    public static HistoryLine From(ItemHistory item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var subject = item.Provider is null
            ? "The user"
            : item.Resource is null
                ? ProviderKnowledge.ProviderDisplayName(item.Provider)
                : $"{ProviderKnowledge.ProviderDisplayName(item.Provider)} · {ProviderKnowledge.ResourceDisplayName(item.Resource)}";
        var now = item.Current is { } current ? Label(item, current) : item.IsConnection ? "No longer connected" : "No longer listed by Vital";
        string? before = null;
        if (item.Previous is { } previous)
        {
            var label = Label(item, previous);
            label = char.ToLowerInvariant(label[0]) + label[1..];
            before = item.PreviousLasted is { } lasted
                ? $"{label} for {TextFormatter.Duration(lasted)} before that"
                : $"{label} before that";
        }

        return new HistoryLine(subject, item.Provider, item.Resource, item, now, before);
    }

    /// <summary>A recorded value in words: a pull's status as the legend names it, a connection's as its card does.</summary>
    public static string Label(ItemHistory item, string value)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.IsConnection ? ConnectionPalette.For(new ConnectionStatus(value)).Label : StatusPalette.For(new PullStatus(value)).Label;
    }

    /// <summary>A change in words: "Scheduled → Retrying", "Appeared as Scheduled", "No longer listed (was Succeeded)".</summary>
    public string Describe(ItemChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (change.From, change.To) switch
        {
            (null, { } to) => $"Appeared as {Label(Item, to)}",
            ({ } from, null) => $"{(Item.IsConnection ? "No longer connected" : "No longer listed")} (was {Label(Item, from)})",
            ({ } from, { } to) => $"{Label(Item, from)} → {Label(Item, to)}",
            _ => "No change",
        };
    }
}
