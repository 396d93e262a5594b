using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// Writes one connection's card as one markup block: its name and status, what broke and since when, Vital's message,
/// the resources the user's denied permissions block, when it was connected and the provider's id for the user.
/// The card holds no control, and as elements a dozen cards were an open page's second largest render tree
/// (docs/decisions/0010-lean-circuits.md).
/// </summary>
public static class ConnectionCard
{
    public static MarkupString Write(ConnectionDiagnosis connection, TimeDisplay times)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(times);
        var style = ConnectionPalette.For(connection.Status);
        var w = new MarkupWriter(1024);
        w.Open("article",
            ("class", $"mud-paper mud-paper-outlined connection-card pa-3 {style.CssClass}"),
            ("data-provider", connection.Provider),
            ("data-status", connection.Status.Value));

        w.Open("div", ("class", "d-flex align-center gap-2 flex-wrap"))
            .Element("h3", connection.DisplayName, ("class", "mud-typography mud-typography-subtitle1 connection-name"))
            .Open("span", ("class", "connection-status")).Icon(style.Icon, color: style.CssColor).Element("span", style.Label).Close("span")
            .Close("div").Line();

        if (ConnectionErrorText.InWords(connection.ErrorType, connection.DisplayName) is { } error)
        {
            w.Open("p", ("class", "mud-typography mud-typography-body2 mt-1 connection-error")).Element("b", error);
            if (connection.ErroredAt is { } erroredAt)
            {
                TimeText.Write(w.Text(", since "), times, erroredAt);
            }

            w.Text(".").Close("p").Line();
        }

        if (connection.ErrorMessage is { Length: > 0 } message)
        {
            w.Open("p", ("class", "mud-typography mud-typography-body2 connection-message"))
                .Text("Vital's message: ").Element("q", message)
                .Close("p").Line();
        }

        if (connection.UnavailableResources.Count > 0)
        {
            w.Open("p", ("class", "mud-typography mud-typography-body2 mt-1"), ("data-testid", "denied-scopes"))
                .Text("Blocked because the user denied permissions: ");
            for (var i = 0; i < connection.UnavailableResources.Count; i++)
            {
                var blocked = connection.UnavailableResources[i];
                w.Text(i > 0 ? "; " : null).Element("b", blocked.DisplayName);
                if (blocked.DeniedScopes.Count > 0)
                {
                    w.Text(" (needs ");
                    for (var j = 0; j < blocked.DeniedScopes.Count; j++)
                    {
                        w.Text(j > 0 ? ", " : null).Element("code", blocked.DeniedScopes[j]);
                    }

                    w.Text(")");
                }
            }

            w.Close("p").Line();
        }

        w.Open("dl", ("class", "connection-facts mud-typography mud-typography-body2 mt-1"))
            .Element("dt", "Connected")
            .Open("dd");
        if (connection.CreatedOn is { } created)
        {
            TimeText.Write(w, times, created);
        }
        else
        {
            w.Text("–");
        }

        w.Close("dd")
            .Element("dt", $"{connection.DisplayName}'s id for the user")
            .Open("dd");
        if (connection.ExternalUserId is { } external)
        {
            w.Element("code", external);
        }
        else
        {
            w.Text(ProviderKnowledge.IsSdkProvider(connection.Provider) ? "none: the data comes from the user's phone" : "–");
        }

        return w.Close("dd").Close("dl").Close("article").ToMarkup();
    }
}
