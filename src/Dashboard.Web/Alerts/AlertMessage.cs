using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Store.Alerts;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Pages.Changes;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Alerts;

/// <summary>
/// Words one alert as Slack-compatible JSON (<c>{"text": …}</c>, Slack's mrkdwn): how many new critical problems, counts
/// by provider and by finding code, the users with the most new problems as links to their pages (the rest counted),
/// and a link to <c>/changes</c> from the scan's time. Only what the dashboard's own pages show: ids, provider slugs,
/// finding codes. Text is escaped as Slack asks (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>).
/// </summary>
public static class AlertMessage
{
    /// <summary>The label for a finding about the user as a whole (no provider).</summary>
    public const string NoProvider = "no provider";

    public static string Json(PendingAlert alert, Uri dashboardUrl, int maxUsers) =>
        JsonSerializer.Serialize(new Payload(Text(alert, dashboardUrl, maxUsers)));

    public static string Text(PendingAlert alert, Uri dashboardUrl, int maxUsers)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(dashboardUrl);
        var problems = alert.Problems;
        var users = problems.GroupBy(p => p.UserId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{Count(problems.Count, "new critical problem")}* for {Count(users.Count, "user")}")
            .Append(CultureInfo.InvariantCulture, $" (scan of {alert.SeenAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)\n");
        text.Append("By provider: ").Append(Counts(problems.Select(p => p.Provider ?? NoProvider))).Append('\n');
        text.Append("By finding: ").Append(Counts(problems.Select(p => p.Code))).Append('\n');

        foreach (var user in users.Take(maxUsers))
        {
            var first = user.First();
            var link = Absolute(dashboardUrl, Links.User(user.Key, TimeDisplayMode.Utc, first.Provider));
            var what = string.Join(", ", user.Select(p => p.Code + (p.Provider is null ? string.Empty : $" ({p.Provider}{(p.Resource is null ? string.Empty : " " + p.Resource)})")));
            text.Append("• <").Append(Escape(link)).Append('|').Append(Escape(user.Key)).Append(">: ").Append(Escape(what)).Append('\n');
        }

        if (users.Count > maxUsers)
        {
            text.Append(CultureInfo.InvariantCulture, $"…and {Count(users.Count - maxUsers, "more user")}\n");
        }

        var since = alert.SeenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var changes = Absolute(dashboardUrl, Links.Changes(new ChangesQuery { Since = since, Change = ChangeDirection.Appeared }, TimeDisplayMode.Utc));
        text.Append("All new problems: <").Append(Escape(changes)).Append("|/changes>");
        return text.ToString();
    }

    /// <summary>The dashboard's link (a path starting with <c>/</c>) under its public address, which may have a path of its own.</summary>
    internal static string Absolute(Uri dashboardUrl, string link) => dashboardUrl.AbsoluteUri.TrimEnd('/') + link;

    private static string Counts(IEnumerable<string> values) =>
        Escape(string.Join(", ", values.GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}")));

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    /// <summary>Slack's three control characters; everything else is literal.</summary>
    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private sealed record Payload(string Text)
    {
        [System.Text.Json.Serialization.JsonPropertyName("text")]
        public string Text { get; init; } = Text;
    }
}
