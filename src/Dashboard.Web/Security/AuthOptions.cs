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

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>Must be true to run <see cref="AuthMode.None"/> against a live key.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Who to ask for access, shown on the access-denied page (a team, a channel, an address).</summary>
    public string? AccessContact { get; set; }

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    public TrustedProxySettings TrustedProxy { get; set; } = new();
}

public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret: from user-secrets, the environment or <c>/run/secrets</c>; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Email domains allowed in (e.g. <c>example.com</c>); empty with no groups means any signed-in user.</summary>
    public List<string> AllowedEmailDomains { get; set; } = [];

    /// <summary>Group claim values allowed in (any one is enough).</summary>
    public List<string> AllowedGroups { get; set; } = [];

    /// <summary>The claim that carries groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Scopes asked for besides <c>openid profile email</c> (some providers need <c>groups</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Everything but the secret, for logs.</summary>
    public override string ToString() =>
        $"Authority={Authority}, ClientId={ClientId}, ClientSecret={(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "(set)")}, " +
        $"AllowedEmailDomains=[{string.Join(", ", AllowedEmailDomains)}], AllowedGroups=[{string.Join(", ", AllowedGroups)}]";
}

public sealed class TrustedProxySettings
{
    /// <summary>The header carrying the signed-in user's email.</summary>
    public string UserHeader { get; set; } = "X-Forwarded-Email";

    /// <summary>Addresses or CIDR ranges allowed to set <see cref="UserHeader"/>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Where "Sign out" sends people (the proxy's own sign-out, e.g. <c>/oauth2/sign_out</c>); none hides the button.</summary>
    public string? SignOutUrl { get; set; }
}
