using System.Globalization;
using Dashboard.Diagnosis;
using Dashboard.Store.Connections;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Connections;
using Vital.Introspection;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// A grid row's connection cell, one markup string (ADR 0010): the worst connection the sweep read and the providers
/// in it ("Broken: Oura, Garmin", with the palette's icon and short words; "Connected" alone when all are), then how old the reading is ("read 2 h ago", the exact UTC time on hover).
/// </summary>
public static class ConnectionCell
{
    /// <summary>Writes the cell's contents into <paramref name="markup"/> (the grid's cell: <see cref="TeamCells.Connection"/>).</summary>
    public static MarkupWriter Write(MarkupWriter markup, UserConnections? reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(markup);
        if (reading is null)
        {
            return markup.Element("span", "not read yet", ("class", "conn-unread mud-text-secondary"), ("data-connection", ConnectionCategory.Unread));
        }

        var worst = ConnectionCategory.Worst(reading);
        markup.Open("span", ("class", $"conn-{worst}"), ("data-connection", worst), ("title", Title(reading)));
        if (worst == ConnectionCategory.None)
        {
            markup.Text("nothing connected");
        }
        else
        {
            // The palette's icon, colour and short words for the worst status (the column says "Connection": "Broken",
            // not "Connection broken", which the column cut); then the providers in it.
            var inWorst = reading.Connections.Where(c => ConnectionCategory.Of(c.Status) == worst).ToList();
            var style = ConnectionPalette.For(new ConnectionStatus(inWorst[0].Status));
            // Every connection fine: the word alone (the Providers column names them, the title lists each); the column
            // is narrow, and "Connected: Garmin, Apple HealthKit" was cut to "Connecte…".
            markup.Icon(style.Icon, 16, style.CssColor)
                .Text(worst == ConnectionCategory.Connected
                    ? style.ShortLabel
                    : $"{style.ShortLabel}: {string.Join(", ", inWorst.Select(c => ProviderKnowledge.ProviderDisplayName(c.Provider)))}");
        }

        markup.Close("span")
            .Line()
            .Element("span", $"read {Age(now - reading.ReadAt)} ago", ("class", "conn-read mud-text-secondary"), ("title", TextFormatter.Utc(reading.ReadAt)));
        return markup;
    }

    /// <summary>
    /// How old a reading is, in its largest unit only ("45 s", "6 min", "2 h", "1 day", "3 days"): the column is
    /// narrow, "read 6 min 54 s ago" was cut, and the exact time is the title's.
    /// </summary>
    internal static string Age(TimeSpan age) => age switch
    {
        _ when age < TimeSpan.FromMinutes(1) => TextFormatter.ShortDuration(age),
        _ when age < TimeSpan.FromHours(1) => string.Create(CultureInfo.InvariantCulture, $"{age.Minutes} min"),
        _ when age < TimeSpan.FromDays(1) => string.Create(CultureInfo.InvariantCulture, $"{age.Hours} h"),
        _ => TextFormatter.Count((int)age.TotalDays, "day"),
    };

    /// <summary>Every connection with its status verbatim and error type: "Oura: error (token_refresh_failed); Garmin: connected".</summary>
    private static string Title(UserConnections reading) =>
        reading.Connections.Count == 0
            ? "The user had no connected provider when read"
            : string.Join("; ", reading.Connections.Select(c =>
                $"{ProviderKnowledge.ProviderDisplayName(c.Provider)}: {c.Status}{(c.ErrorType is { } type ? $" ({type})" : string.Empty)}"));
}
