using Dashboard.Store.Connections;
using Vital.Introspection;

namespace Dashboard.Web.Connections;

/// <summary>
/// The grid's <c>connection=</c> values: a user is in every category one of their connections is in (<c>error</c>,
/// <c>paused</c>, <c>connected</c>, <c>other</c> for a status this version does not know), or in <c>none</c> (read,
/// nothing connected) or <c>unread</c> (the sweep has not read them yet).
/// </summary>
public static class ConnectionCategory
{
    public const string Error = "error";
    public const string Paused = "paused";
    public const string Connected = "connected";
    public const string Other = "other";
    public const string None = "none";
    public const string Unread = "unread";

    /// <summary>Every value, in the order the filter lists them.</summary>
    public static IReadOnlyList<string> All => Order;

    private static readonly string[] Order = [Error, Paused, Other, Connected, None, Unread];

    public static bool IsKnown(string value) => All.Contains(value, StringComparer.Ordinal);

    /// <summary>The category of one connection's status.</summary>
    public static string Of(string status) =>
        status == ConnectionStatus.Error.Value ? Error
        : status == ConnectionStatus.Paused.Value ? Paused
        : status == ConnectionStatus.Connected.Value ? Connected
        : Other;

    /// <summary>Whether a user's reading is in any of <paramref name="categories"/>.</summary>
    public static bool Matches(UserConnections? reading, IReadOnlyCollection<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (reading is null)
        {
            return categories.Contains(Unread);
        }

        if (reading.Connections.Count == 0)
        {
            return categories.Contains(None);
        }

        foreach (var connection in reading.Connections)
        {
            if (categories.Contains(Of(connection.Status)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The user's worst category, for a row: error, then paused, then other, then connected; none or unread.</summary>
    public static string Worst(UserConnections? reading) =>
        reading is null ? Unread
        : reading.Connections.Count == 0 ? None
        : reading.Connections.Select(c => Of(c.Status)).MinBy(c => Array.IndexOf(Order, c))!;

    /// <summary>How the filter names a category.</summary>
    public static string Label(string category) => category switch
    {
        Error => "Error",
        Paused => "Paused",
        Connected => "Connected",
        Other => "Other status",
        None => "Nothing connected",
        Unread => "Not read yet",
        _ => category,
    };
}
