using Dashboard.Web.Data;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Data;

public sealed class TeamQueryTests
{
    private static TeamQuery Parse(string query)
    {
        var parsed = TeamQuery.Parse(query, out var problems);
        Assert.Empty(problems);
        return parsed;
    }

    [Fact]
    public void Parse_Nothing_Empty()
    {
        var query = Parse(string.Empty);

        Assert.True(query.IsEmpty);
        Assert.Equal(TeamQuery.Empty, query);
        Assert.Equal(string.Empty, query.ToQueryString());
    }

    [Fact]
    public void Parse_EveryFilter_Read()
    {
        var query = Parse("?status=failure,retrying&provider=oura&resource=sleep,heart_rate&q=7AEC&attention=true&stale=true");

        Assert.Equal(["failure", "retrying"], query.Statuses.Values());
        Assert.Equal(["oura"], query.Providers);
        Assert.Equal(["heart_rate", "sleep"], query.Resources);
        Assert.Equal("7AEC", query.Search);
        Assert.True(query.AttentionOnly);
        Assert.True(query.StaleOnly);
        Assert.False(query.IsEmpty);
        Assert.Equal("status=failure,retrying&provider=oura&resource=heart_rate,sleep&q=7AEC&attention=true&stale=true", query.ToQueryString());
    }

    [Theory]
    [InlineData("stale=true", true, null)]
    [InlineData("stale=false", false, null)]
    [InlineData("stale=", false, null)]
    [InlineData("stale=maybe", false, "stale must be true or false.")]
    public void Parse_Stale_ReadOrReported(string text, bool stale, string? problem)
    {
        var query = TeamQuery.Parse(text, out var problems);

        Assert.Equal(stale, query.StaleOnly);
        Assert.Equal(problem is null ? [] : [problem], problems);
        Assert.Equal(!stale, query.IsEmpty);
    }

    [Fact]
    public void Parse_ListsFromCommasAndRepeatsInAnyCase_LowerCasedSortedWithoutDuplicates()
    {
        var query = Parse("STATUS=Retrying,%20failure&status=failure,,&Status=scheduled");

        Assert.Equal(["failure", "retrying", "scheduled"], query.Statuses.Values());
    }

    [Theory]
    [InlineData("status=failure")]
    [InlineData("status=failure,retrying,success")]
    [InlineData("provider=apple_health_kit,oura")]
    [InlineData("resource=blood_oxygen")]
    [InlineData("q=abc%20def%26x%3D1")]
    [InlineData("attention=true")]
    [InlineData("status=error&provider=garmin&resource=sleep&q=0001&attention=true")]
    public void ToQueryString_ParsedAgain_SameQuery(string text)
    {
        var query = Parse(text);

        Assert.Equal(text, query.ToQueryString());
        Assert.Equal(query, Parse(query.ToQueryString()));
        Assert.Equal(query.GetHashCode(), Parse(query.ToQueryString()).GetHashCode());
    }

    [Fact]
    public void ToQueryString_StableOrder_WhateverTheInputOrder()
    {
        var a = Parse("attention=true&q=x&resource=sleep&provider=oura&status=failure");
        var b = Parse("status=failure&provider=oura&resource=sleep&q=x&attention=true");

        Assert.Equal("status=failure&provider=oura&resource=sleep&q=x&attention=true", a.ToQueryString());
        Assert.Equal(a.ToQueryString(), b.ToQueryString());
        Assert.Equal(a, b);
    }

    [Fact]
    public void ToQueryString_ValuesThatAreNotSlugs_EscapedSoTheyCannotBreakTheQuery()
    {
        var query = TeamQuery.Empty with { Statuses = [new("a&b=c"), new("<b>")], Providers = ["x y"] };

        Assert.Equal("status=a%26b%3Dc,%3Cb%3E&provider=x%20y", query.ToQueryString());
    }

    [Theory]
    [InlineData("status=Fail!", "The status filter has 1 value that is not a status name Vital uses (lower-case letters, digits and underscores).")]
    [InlineData("provider=o-u-r-a,%3Cb%3E", "The provider filter has 2 values that are not a provider name Vital uses (lower-case letters, digits and underscores).")]
    [InlineData("resource=_sleep", "The resource filter has 1 value that is not a resource name Vital uses (lower-case letters, digits and underscores).")]
    [InlineData("attention=yes", "attention must be true or false.")]
    [InlineData("q=%07bell", "The search (q) must be up to 256 ordinary characters.")]
    public void Parse_InvalidValue_ReportedAndLeftOut(string text, string problem)
    {
        var query = TeamQuery.Parse(text, out var problems);

        Assert.Equal([problem], problems);
        Assert.True(query.IsEmpty);
    }

    [Fact]
    public void Parse_SomeValuesInvalid_TheRestStillApply()
    {
        var query = TeamQuery.Parse("status=failure,BAD!&provider=oura&attention=maybe", out var problems);

        Assert.Equal(2, problems.Count);
        Assert.Equal(["failure"], query.Statuses.Values());
        Assert.Equal(["oura"], query.Providers);
        Assert.False(query.AttentionOnly);
    }

    [Fact]
    public void Parse_TooManyValues_FirstFiftyKeptAndSaid()
    {
        var query = TeamQuery.Parse("provider=" + string.Join(',', Enumerable.Range(0, 60).Select(i => $"p{i:00}")), out var problems);

        Assert.Equal(["The provider filter has more than 50 values."], problems);
        Assert.Equal(50, query.Providers.Length);
        Assert.Equal("p00", query.Providers[0]);
    }

    [Fact]
    public void Parse_SearchTooLong_Reported()
    {
        var query = TeamQuery.Parse("q=" + new string('a', 257), out var problems);

        Assert.Single(problems);
        Assert.Null(query.Search);
    }

    [Theory]
    [InlineData("attention=false", false)]
    [InlineData("attention=TRUE", true)]
    [InlineData("attention=", false)]
    [InlineData("q=%20%20", false)]
    public void Parse_EdgeValues_NoProblem(string text, bool attention)
    {
        var query = Parse(text);

        Assert.Equal(attention, query.AttentionOnly);
        Assert.Null(query.Search);
    }

    [Fact]
    public void Equals_DifferentFilters_NotEqual()
    {
        Assert.NotEqual(Parse("status=failure"), Parse("status=retrying"));
        Assert.NotEqual(Parse("status=failure"), Parse("status=failure&attention=true"));
        Assert.NotEqual(Parse("q=a"), Parse("q=b"));
    }

    [Fact]
    public void Parse_ConnectionFilter_ReadSortedAndWrittenBack()
    {
        var query = Parse("?connection=unread,ERROR&provider=oura");

        Assert.Equal(["error", "unread"], query.Connections);
        Assert.False(query.IsEmpty);
        Assert.Equal("provider=oura&connection=error,unread", query.ToQueryString());
        Assert.Equal(query, Parse("?" + query.ToQueryString()));
        Assert.NotEqual(query, query with { Connections = ["error"] });
    }

    [Fact]
    public void Parse_UnknownConnectionValue_ReportedAndTheRestKept()
    {
        var query = TeamQuery.Parse("?connection=error,broken", out var problems);

        Assert.Equal(["error"], query.Connections);
        Assert.Equal("The connection filter takes error, paused, other, connected, none, unread; 'broken' is none of them.", Assert.Single(problems));
    }
}
