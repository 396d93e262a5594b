using Dashboard.Store.Reading;
using Dashboard.Web.Components.Pages.Changes;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Tests.Components.Pages.Changes;

public sealed class ChangesQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static ChangesQuery Parse(string query, out List<string> problems) => ChangesQuery.Parse(QueryHelpers.ParseQuery(query), Now, out problems);

    [Theory]
    [InlineData("24h", "2026-12-03T10:00:00Z")]
    [InlineData("7d", "2026-11-27T10:00:00Z")]
    [InlineData("30m", "2026-12-04T09:30:00Z")]
    [InlineData("2w", "2026-11-20T10:00:00Z")]
    [InlineData("2026-12-04T07:00:00Z", "2026-12-04T07:00:00Z")]
    [InlineData("2026-12-04T09:00:00+02:00", "2026-12-04T07:00:00Z")]
    public void Since_SpanOrIsoTime_MeansThatTime(string since, string expected)
    {
        var query = Parse("?since=" + Uri.EscapeDataString(since), out var problems);

        Assert.Empty(problems);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), query.SinceTime(Now));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("0h")]
    [InlineData("2026-12-04T07:00:00")]
    [InlineData("99999999d")]
    [InlineData("2027-12-04T07:00:00Z")]
    public void Since_NotATimeOrSpan_LastDayWithAProblem(string since)
    {
        var query = Parse("?since=" + Uri.EscapeDataString(since), out var problems);

        Assert.Contains("24h or 7d", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Equal(Now.AddHours(-24), query.SinceTime(Now));
    }

    [Fact]
    public void Parse_Filters_KeptAndWrittenBackTheSameWay()
    {
        var query = Parse("?since=7d&provider=oura,garmin&code=pull_failed&change=appeared", out var problems);

        Assert.Empty(problems);
        Assert.Equal(["oura", "garmin"], query.Providers);
        Assert.Equal(["pull_failed"], query.Codes);
        Assert.Equal(ChangeDirection.Appeared, query.Change);
        Assert.Equal("since=7d&provider=oura,garmin&code=pull_failed&change=appeared", query.ToQueryString());
        var again = Parse("?" + query.ToQueryString(), out _);
        Assert.Equal((query.Since, query.Change), (again.Since, again.Change));
        Assert.Equal(query.Providers, again.Providers);
        Assert.Equal(query.Codes, again.Codes);
    }

    [Fact]
    public void Parse_UnknownCodeAndBadProvider_LeftOutAndSaid()
    {
        var query = Parse("?provider=Oura!,oura&code=pull_failed,nonsense&change=sideways", out var problems);

        Assert.Equal(["oura"], query.Providers);
        Assert.Equal(["pull_failed"], query.Codes);
        Assert.Equal(ChangeDirection.Both, query.Change);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Default_EmptyQueryString() => Assert.Equal(string.Empty, ChangesQuery.Default.ToQueryString());
}
