using AngleSharp.Dom;
using Bunit;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>A small team with one user per situation, and helpers to read the team page.</summary>
internal static class TeamFixtures
{
    /// <summary>
    /// 1 failed Oura sleep (critical); 2 retrying Fitbit activity, succeeded Oura sleep (warning); 3 succeeded Fitbit (ok);
    /// 4 Garmin in progress (info); 5 Oura scheduled (info); 6 Whoop succeeded with heart rate not pulled (warning);
    /// 7 Oura sleep in the unknown status "paused" (warning).
    /// </summary>
    public static UserHistoricalPulls[] Members() =>
    [
        User(1).Pull("oura", "sleep", "failure", errorDetails: "unexpected_error").Pull("oura", "workouts", "success"),
        User(2).Pull("oura", "sleep", "success").Pull("fitbit", "activity", "retrying", errorDetails: "provider_unavailable"),
        User(3).Pull("fitbit", "activity", "success"),
        User(4).Pull("garmin", "sleep", "in_progress"),
        User(5).Pull("oura", "sleep", "scheduled"),
        User(6).Pull("whoop", "sleep", "success").NotPulled("whoop", "heart_rate"),
        User(7).Pull("oura", "sleep", "paused"),
    ];

    /// <summary>User numbers (1..7) of the grid's rows, in order.</summary>
    public static IReadOnlyList<int> Rows(IRenderedComponent<Dashboard.Web.Components.Pages.Team.TeamPage> cut) =>
        [.. cut.FindAll("a.user-link").Select(a => int.Parse(a.TextContent[^12..], System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The status counts as shown: data-status → (count, link).</summary>
    public static IReadOnlyDictionary<string, (int Count, string Href)> Counts(IRenderedComponent<Dashboard.Web.Components.Pages.Team.TeamPage> cut) =>
        cut.FindAll("nav.status-counts .status-count").ToDictionary(
            a => a.GetAttribute("data-status")!,
            a => (int.Parse(a.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture), a.GetAttribute("href") ?? string.Empty));

    public static IElement? FindOrNull(this IRenderedComponent<Dashboard.Web.Components.Pages.Team.TeamPage> cut, string selector) =>
        cut.FindAll(selector).FirstOrDefault();
}
