using Dashboard.Store.Connections;
using Dashboard.Web.Connections;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Connections;

public sealed class ConnectionCategoryTests
{
    private static readonly UserConnections Mixed = new("u", Now, [new("oura", "connected"), new("garmin", "error", "token_refresh_failed"), new("fitbit", "something_new")]);

    [Theory]
    [InlineData("error", true)]
    [InlineData("connected", true)]
    [InlineData("other", true)]
    [InlineData("paused", false)]
    [InlineData("none", false)]
    [InlineData("unread", false)]
    public void Matches_UserWithSeveralConnections_InEachCategoryOneOfThemIsIn(string category, bool expected) =>
        Assert.Equal(expected, ConnectionCategory.Matches(Mixed, [category]));

    [Fact]
    public void Matches_NotReadOrNothingConnected_OnlyTheirOwnCategory()
    {
        var nothing = new UserConnections("u", Now, []);

        Assert.True(ConnectionCategory.Matches(null, [ConnectionCategory.Unread]));
        Assert.False(ConnectionCategory.Matches(null, [ConnectionCategory.Error, ConnectionCategory.None]));
        Assert.True(ConnectionCategory.Matches(nothing, [ConnectionCategory.None]));
        Assert.False(ConnectionCategory.Matches(nothing, [ConnectionCategory.Unread, ConnectionCategory.Connected]));
    }

    [Fact]
    public void Worst_ErrorBeforeOtherBeforeConnected()
    {
        Assert.Equal(ConnectionCategory.Error, ConnectionCategory.Worst(Mixed));
        Assert.Equal(ConnectionCategory.Other, ConnectionCategory.Worst(Mixed with { Connections = [new("oura", "connected"), new("fitbit", "something_new")] }));
        Assert.Equal(ConnectionCategory.None, ConnectionCategory.Worst(Mixed with { Connections = [] }));
        Assert.Equal(ConnectionCategory.Unread, ConnectionCategory.Worst(null));
    }
}
