using System.Security.Claims;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Tests.Support;

/// <summary>Who the components see as signed in; by default the shared identity of sign-in off (<c>Auth:Mode=None</c>).</summary>
public sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
{
    /// <summary>The identity everyone has with sign-in off.</summary>
    public static ClaimsPrincipal Anonymous { get; } =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, AnonymousAuthenticationHandler.UserName)], DashboardAccess.AnonymousAuthenticationType));

    private ClaimsPrincipal _user = Anonymous;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

    public void SignIn(ClaimsPrincipal user)
    {
        _user = user;
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }
}
