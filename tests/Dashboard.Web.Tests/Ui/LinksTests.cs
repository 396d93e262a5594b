using Dashboard.Web.Data;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Tests.Ui;

public sealed class LinksTests
{
    private const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    [Theory]
    [InlineData(TimeDisplayMode.Utc, null, "/users/" + UserId)]
    [InlineData(TimeDisplayMode.Local, null, "/users/" + UserId + "?tz=local")]
    [InlineData(TimeDisplayMode.Relative, "oura", "/users/" + UserId + "?focus=oura&tz=relative")]
    [InlineData(TimeDisplayMode.Utc, "oura", "/users/" + UserId + "?focus=oura")]
    public void User_ModeAndFocus_InTheQueryOnlyWhenNeeded(TimeDisplayMode mode, string? focus, string expected)
    {
        Assert.Equal(expected, Links.User(UserId, mode, focus));
    }

    [Fact]
    public void User_OddIdAndFocus_Escaped()
    {
        Assert.Equal("/users/a%2Fb%3Fc?focus=%3Ci%3E", Links.User("a/b?c", TimeDisplayMode.Utc, "<i>"));
    }

    [Theory]
    [InlineData(TimeDisplayMode.Utc, "/providers/oura")]
    [InlineData(TimeDisplayMode.Local, "/providers/oura?tz=local")]
    public void Provider_KeepsTz(TimeDisplayMode mode, string expected)
    {
        Assert.Equal(expected, Links.Provider("oura", mode));
    }

    [Fact]
    public void Provider_OddName_Escaped()
    {
        Assert.Equal("/providers/..%2Fx", Links.Provider("../x", TimeDisplayMode.Utc));
    }

    [Theory]
    [InlineData("", TimeDisplayMode.Utc, "/")]
    [InlineData("", TimeDisplayMode.Relative, "/?tz=relative")]
    [InlineData("status=failure&provider=oura", TimeDisplayMode.Utc, "/?status=failure&provider=oura")]
    [InlineData("status=failure&q=a%20b", TimeDisplayMode.Local, "/?status=failure&q=a%20b&tz=local")]
    public void Team_FiltersThenTz(string query, TimeDisplayMode mode, string expected)
    {
        Assert.Equal(expected, Links.Team(TeamQuery.Parse(query, out _), mode));
    }

    [Theory]
    [InlineData("", "/api/users.csv")]
    [InlineData("attention=true&status=retrying", "/api/users.csv?status=retrying&attention=true")]
    public void TeamCsv_FiltersWithoutTz(string query, string expected)
    {
        Assert.Equal(expected, Links.TeamCsv(TeamQuery.Parse(query, out _)));
    }
}
