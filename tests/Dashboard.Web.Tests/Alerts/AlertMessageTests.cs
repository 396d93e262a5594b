using System.Text.Json;
using Dashboard.Store.Alerts;
using Dashboard.Web.Alerts;

namespace Dashboard.Web.Tests.Alerts;

public sealed class AlertMessageTests
{
    private static readonly Uri Dashboard = new("https://dashboard.example.com/support/");
    private static readonly DateTimeOffset SeenAt = new(2026, 12, 4, 14, 2, 9, TimeSpan.Zero);

    private static PendingAlert Alert(params NewProblem[] problems) => new(7, "test", 3, SeenAt, problems);

    [Fact]
    public void Text_ProblemsOfSeveralUsers_CountsByProviderAndCodeAndLinksUnderTheDashboardAddress()
    {
        var text = AlertMessage.Text(
            Alert(
                new("u1", "oura", "sleep", "pull_failed"),
                new("u1", "oura", "activity", "pull_failed"),
                new("u2", "garmin", null, "connection_error"),
                new("u3", null, null, "user_not_found")),
            Dashboard,
            maxUsers: 10);

        Assert.Equal(
            """
            *4 new critical problems* for 3 users (scan of 2026-12-04 14:02 UTC)
            By provider: oura 2, garmin 1, no provider 1
            By finding: pull_failed 2, connection_error 1, user_not_found 1
            • <https://dashboard.example.com/support/users/u1?focus=oura|u1>: pull_failed (oura sleep), pull_failed (oura activity)
            • <https://dashboard.example.com/support/users/u2?focus=garmin|u2>: connection_error (garmin)
            • <https://dashboard.example.com/support/users/u3|u3>: user_not_found
            All new problems: <https://dashboard.example.com/support/changes?since=2026-12-04T14%3A02%3A09Z&amp;change=appeared|/changes>
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Text_MoreUsersThanListed_TheRestCounted()
    {
        var problems = Enumerable.Range(1, 25).Select(i => new NewProblem($"user-{i:00}", "oura", "sleep", "pull_failed")).ToArray();

        var text = AlertMessage.Text(Alert(problems), Dashboard, maxUsers: 10);

        Assert.Equal(10, text.Split('\n').Count(l => l.StartsWith('•')));
        Assert.Contains("…and 15 more users\n", text, StringComparison.Ordinal);
        Assert.Contains("*25 new critical problems* for 25 users", text, StringComparison.Ordinal);
        Assert.Contains("|user-10>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("|user-11>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_SlackControlCharactersInValues_Escaped()
    {
        var text = AlertMessage.Text(Alert(new NewProblem("u<1>&", "a>b", null, "pull_failed")), Dashboard, maxUsers: 10);

        Assert.Contains("|u&lt;1&gt;&amp;>", text, StringComparison.Ordinal);
        Assert.Contains("By provider: a&gt;b 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<1>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_IsOneTextMember()
    {
        using var json = JsonDocument.Parse(AlertMessage.Json(Alert(new NewProblem("u1", "oura", "sleep", "pull_failed")), Dashboard, 10));

        var member = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("text", member.Name);
        Assert.StartsWith("*1 new critical problem* for 1 user ", member.Value.GetString(), StringComparison.Ordinal);
    }
}
