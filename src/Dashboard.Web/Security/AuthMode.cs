namespace Dashboard.Web.Security;

/// <summary>How people sign in to the dashboard.</summary>
public enum AuthMode
{
    /// <summary>No sign-in: fine on the simulated team; with a live key only with <c>Auth:AllowAnonymous=true</c>.</summary>
    None,

    /// <summary>Cookie + OpenID Connect against the company's identity provider.</summary>
    OpenIdConnect,

    /// <summary>Identity from a header set by a reverse proxy such as oauth2-proxy, accepted only from known proxies.</summary>
    TrustedProxy,
}
