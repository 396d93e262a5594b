using Dashboard.Web.Refresh;

namespace Dashboard.Web.Tests.Refresh;

public sealed class RefreshReplyTests
{
    [Fact]
    public void Ok_ReadsTheOutcome()
    {
        var reply = RefreshReply.Parse(200, """{"outcome":"in_progress","summary":"Vital is still refreshing 1 source.","refreshed":["oura/sleep"],"inProgress":["fitbit/activity",3],"failed":[],"refreshesLeft":6}""");

        Assert.Equal("in_progress", reply.Outcome);
        Assert.True(reply.Accepted);
        Assert.Equal(["oura/sleep"], reply.Refreshed);
        Assert.Equal(["fitbit/activity"], reply.InProgress);
        Assert.Equal(6, reply.RefreshesLeft);
    }

    [Fact]
    public void Problem_WithAnOutcome_ReadsItsSummary()
    {
        var reply = RefreshReply.Parse(429, """{"title":"t","status":429,"detail":"This dashboard already asked.","outcome":"limit_reached","refreshesLeft":0}""");

        Assert.Equal("limit_reached", reply.Outcome);
        Assert.False(reply.MayHaveChanged);
        Assert.Equal("This dashboard already asked.", reply.Summary);
    }

    [Fact]
    public void Forbidden_SaysOnlyOperatorsMay()
    {
        var reply = RefreshReply.Parse(403, """{"title":"Role needed","status":403,"detail":"This needs the operator role.","role":"operator"}""");

        Assert.Null(reply.Outcome);
        Assert.StartsWith("Only operators may ask Vital to refresh.", reply.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(502, "<html>Bad gateway</html>")]
    [InlineData(500, "")]
    [InlineData(200, "[1,2]")]
    [InlineData(200, "{\"outcome\":\"refreshed\"}")]
    public void Unreadable_SaysWhatCameBackAndToReload(int status, string body)
    {
        var reply = RefreshReply.Parse(status, body);

        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Summary, StringComparison.Ordinal);
        Assert.Contains("Reload", reply.Summary, StringComparison.Ordinal);
        Assert.False(reply.Accepted);
    }

    [Fact]
    public void NoAnswer_SaysVitalWasNotAsked() =>
        Assert.Contains("Vital was not asked", RefreshReply.Parse(0, null).Summary, StringComparison.Ordinal);
}
