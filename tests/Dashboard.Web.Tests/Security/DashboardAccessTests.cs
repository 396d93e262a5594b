using System.Security.Claims;
using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Security;

public sealed class DashboardAccessTests
{
    private static ClaimsPrincipal User(string? email, bool? verified = true, params string[] groups)
    {
        var claims = new List<Claim>();
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        if (verified is { } v)
        {
            claims.Add(new Claim("email_verified", v ? "true" : "false"));
        }

        claims.AddRange(groups.Select(g => new Claim("groups", g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static OpenIdConnectSettings Settings(string[]? domains = null, string[]? groups = null) =>
        new() { AllowedEmailDomains = [.. domains ?? []], AllowedGroups = [.. groups ?? []] };

    [Fact]
    public void IsAllowed_NothingConfigured_NobodyPasses() =>
        Assert.False(DashboardAccess.IsAllowed(User("someone@anywhere.example"), Settings()));

    [Fact]
    public void IsAllowed_NothingConfiguredButAllowAnyone_AnySignedInUserPasses()
    {
        var settings = Settings();
        settings.AllowAnyone = true;

        Assert.True(DashboardAccess.IsAllowed(User("someone@anywhere.example"), settings));
    }

    [Fact]
    public void IsAllowed_AllowedDomainWithoutAnEmailVerifiedClaim_IsDenied() =>
        Assert.False(DashboardAccess.IsAllowed(User("alice@example.com", verified: null), Settings(domains: ["example.com"])));

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    public void IsAllowed_AllowedDomain_NeedsEmailVerifiedTrue(string verified, bool allowed)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "alice@example.com"), new Claim("email_verified", verified)], "test"));

        Assert.Equal(allowed, DashboardAccess.IsAllowed(user, Settings(domains: ["example.com"])));
    }

    [Theory]
    [InlineData("alice@example.com", true)]
    [InlineData("ALICE@EXAMPLE.COM", true)]
    [InlineData("alice@sub.example.com", false)]
    [InlineData("alice@example.com.evil.example", false)]
    [InlineData("alice@notexample.com", false)]
    [InlineData("example.com@evil.example", false)]
    [InlineData("alice", false)]
    [InlineData("alice@", false)]
    public void IsAllowed_DomainsOnly_MatchesTheDomainExactly(string email, bool allowed) =>
        Assert.Equal(allowed, DashboardAccess.IsAllowed(User(email), Settings(domains: ["example.com"])));

    [Fact]
    public void IsAllowed_AllowedDomainButUnverifiedEmail_IsDenied() =>
        Assert.False(DashboardAccess.IsAllowed(User("alice@example.com", verified: false), Settings(domains: ["example.com"])));

    [Fact]
    public void IsAllowed_NoEmailClaim_IsDeniedByDomains() =>
        Assert.False(DashboardAccess.IsAllowed(User(null), Settings(domains: ["example.com"])));

    [Theory]
    [InlineData(new[] { "support-tools" }, true)]
    [InlineData(new[] { "staff", "support-tools" }, true)]
    [InlineData(new[] { "Support-Tools" }, false)]
    [InlineData(new string[0], false)]
    public void IsAllowed_GroupsOnly_NeedsOneAllowedGroupExactly(string[] groups, bool allowed) =>
        Assert.Equal(allowed, DashboardAccess.IsAllowed(User("x@other.example", null, groups), Settings(groups: ["support-tools"])));

    [Theory]
    [InlineData("alice@example.com", new string[0], true)]
    [InlineData("bob@partner.example", new[] { "support-tools" }, true)]
    [InlineData("bob@partner.example", new[] { "staff" }, false)]
    public void IsAllowed_DomainsAndGroups_EitherIsEnough(string email, string[] groups, bool allowed) =>
        Assert.Equal(allowed, DashboardAccess.IsAllowed(User(email, true, groups), Settings(["example.com"], ["support-tools"])));

    [Fact]
    public void IsAllowed_CustomGroupsClaim_IsRead()
    {
        var settings = Settings(groups: ["ops"]);
        settings.GroupsClaim = "roles";
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "ops")], "test"));

        Assert.True(DashboardAccess.IsAllowed(user, settings));
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/users/7aec8422-8174-4464-a4b2-b04c5939be0d?tz=utc", "/users/7aec8422-8174-4464-a4b2-b04c5939be0d?tz=utc")]
    [InlineData("https://evil.example", "/")]
    [InlineData("http://localhost/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("//evil.example/users", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("\\\\evil.example", "/")]
    [InlineData("/users/\\evil", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData(" /users", "/")]
    [InlineData("/users\r\nSet-Cookie: x=1", "/")]
    [InlineData("users", "/")]
    public void ReturnUrls_Sanitize_KeepsOnlyLocalPaths(string? input, string expected) =>
        Assert.Equal(expected, ReturnUrls.Sanitize(input));

    [Fact]
    public void ReturnUrls_Sanitize_OverlongPath_IsRefused() =>
        Assert.Equal("/", ReturnUrls.Sanitize("/" + new string('a', ReturnUrls.MaxLength)));
}
