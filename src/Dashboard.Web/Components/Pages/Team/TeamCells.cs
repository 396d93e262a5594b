using Dashboard.Diagnosis;
using Dashboard.Store.Connections;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// The grid's cells that need no handler, each one markup block (ADR 0010): the virtualized grid keeps every visible
/// row's render tree for as long as the tab is open, and a provider chip drawn as elements cost it nine frames.
/// </summary>
public static class TeamCells
{
    /// <summary>How many provider chips a row shows before "+N".</summary>
    public const int MaxChips = 2;

    /// <summary>
    /// Vital's id of the user, a link to their page, and its copy button. The grid's one click handler copies (the
    /// button's <c>data-action</c>) and finds the row's user (<c>data-user-id</c>): see <see cref="EventHandlers"/>.
    /// </summary>
    public static MarkupString User(string userId, TimeDisplayMode mode)
    {
        var w = new MarkupWriter(512)
            .Open("div", ("class", "d-flex align-center gap-1"), ("data-user-id", userId))
            .Element("a", userId, ("href", Links.User(userId, mode)), ("class", "mono user-link"), ("data-testid", "user-link")).Line();
        return CopyButton.Write(w, "Copy user id", TeamRowActions.CopyUserId).Close("div").ToMarkup();
    }

    /// <summary>
    /// The customer's own id for the user, under Vital's: the grid writes it once known, and a row whose id is not
    /// known yet holds a <see cref="ClientIdLine"/> that draws it when it is learnt.
    /// </summary>
    public static MarkupString ClientId(string clientUserId) =>
        new MarkupWriter(256)
            .Open("div", ("class", "client-id mud-text-secondary"), ("data-testid", "client-id"), ("title", $"Your own id for this user (client user id): {clientUserId}"))
            .Element("span", "Your id: ", ("class", "visually-hidden"))
            .Element("span", clientUserId, ("class", "mono"))
            .Close("div")
            .ToMarkup();

    /// <summary>The user's providers, the worst first, each a link to that provider on the user's page.</summary>
    public static MarkupString Providers(TeamUser user, TimeDisplayMode mode)
    {
        var chips = ProviderChip.For(user);
        var w = new MarkupWriter(256 * Math.Min(chips.Length, MaxChips + 1)).Open("div", ("class", "provider-chips"));
        foreach (var chip in chips.Take(MaxChips))
        {
            w.Open("a", ("class", "provider-chip"), ("href", Links.User(user.UserId, mode, chip.Provider)), ("title", chip.Title))
                .Icon(chip.Style.Icon, 16, chip.Style.CssColor)
                .Element("span", chip.Name, ("class", "chip-name"))
                .Close("a");
        }

        if (chips.Length > MaxChips)
        {
            var rest = string.Join(", ", chips.Skip(MaxChips).Select(c => c.Title));
            w.Open("span", ("class", "more-chips"), ("title", rest))
                .Text($"+{chips.Length - MaxChips}")
                .Element("span", $" more: {rest}", ("class", "visually-hidden"))
                .Close("span");
        }

        return w.Close("div").ToMarkup();
    }

    /// <summary>The user's overall severity as an icon, and the headline in words.</summary>
    public static MarkupString Findings(TeamUser user)
    {
        var w = new MarkupWriter(384).Open("div", ("class", "d-flex align-center gap-2 findings-cell"));
        SeverityBadge.Write(w, user.Overall, hideText: true);
        return w.Element("span", user.Headline, ("class", "headline"), ("title", user.Headline)).Close("div").ToMarkup();
    }

    /// <summary>The connection sweep's reading of the user (<see cref="ConnectionCell"/>).</summary>
    public static MarkupString Connection(UserConnections? reading, DateTimeOffset now)
    {
        var w = new MarkupWriter(256).Open("div", ("class", "connection-cell"));
        return ConnectionCell.Write(w, reading, now).Close("div").ToMarkup();
    }

    /// <summary>The newest data Vital holds of the user, and which resource is stale when one is.</summary>
    public static MarkupString NewestData(TeamUser user, bool freshnessKnown, TimeDisplay times)
    {
        var w = new MarkupWriter(256);
        if (!freshnessKnown)
        {
            return w.Element("span", "–", ("class", "mud-text-secondary"), ("title", "The team scan does not read the ongoing data (Vital:ScanResources is off)")).ToMarkup();
        }

        if (user.NewestData is not { } newest)
        {
            return w.Element("span", "None yet", ("class", "mud-text-secondary")).ToMarkup();
        }

        TimeText.Write(w, times, newest);
        if (user.Stalest is { } stalest)
        {
            var what = $"{ProviderKnowledge.ProviderDisplayName(stalest.Provider)} {ProviderKnowledge.ResourceDisplayName(stalest.Resource)}";
            w.Open("div", ("class", "stale-note"), ("title", $"Stale: {what}, newest data {TextFormatter.Utc(stalest.NewestData!.Value)}"))
                .Element("span", "stale", ("class", "stale-label"), ("data-testid", "stale-label"))
                .Text($": {what}")
                .Close("div");
        }

        return w.ToMarkup();
    }
}
