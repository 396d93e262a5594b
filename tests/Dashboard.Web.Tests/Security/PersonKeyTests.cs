using System.Security.Claims;
using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// What is counted per person (the API's rate limit, forced refreshes, open pages, a page view's audit record) is
/// counted per token subject, not per email: a provider may send no email, or let a person choose it.
/// </summary>
public sealed class PersonKeyTests
{
    private static ClaimsPrincipal SignedIn(string subject, string? email = null)
    {
        List<Claim> claims = [new("sub", subject), new("iss", "https://login.example.com/")];
        if (email is not null)
        {
            claims.Add(new("email", email));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "OpenIdConnect", "email", "role"));
    }

    [Fact]
    public void TwoPeopleWithoutAnEmail_TwoKeys_EachNamedByTheirSubject()
    {
        var ann = SignedIn("00u-ann");
        var ben = SignedIn("00u-ben");

        Assert.NotEqual(AuditLog.PersonKey(ann), AuditLog.PersonKey(ben));
        Assert.Equal("00u-ann", AuditLog.Actor(ann));
        Assert.Equal("00u-ben", AuditLog.Actor(ben));
    }

    [Fact]
    public void SomeoneShowingAColleaguesEmail_NotTheColleaguesKey()
    {
        var colleague = SignedIn("00u-ann", "ann@example.com");
        var other = SignedIn("00u-eve", "ann@example.com");

        Assert.NotEqual(AuditLog.PersonKey(colleague), AuditLog.PersonKey(other));
        Assert.Equal(AuditLog.PersonKey(colleague), AuditLog.PersonKey(SignedIn("00u-ann", "ann.new@example.com")));
    }

    [Fact]
    public void NotSignedIn_Anonymous()
    {
        Assert.Equal("anonymous", AuditLog.Actor(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Equal(AuditLog.PersonKey(null), AuditLog.PersonKey(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
