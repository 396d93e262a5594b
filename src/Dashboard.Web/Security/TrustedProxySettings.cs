namespace Dashboard.Web.Security;

public sealed class TrustedProxySettings
{
    /// <summary>The header carrying the signed-in user's email.</summary>
    public string UserHeader { get; set; } = "X-Forwarded-Email";

    /// <summary>
    /// The header carrying the person's groups (oauth2-proxy's <c>X-Forwarded-Groups</c>), comma-separated or repeated,
    /// believed from <see cref="KnownProxies"/> only; roles (<c>Auth:Roles</c>) name them. Empty: no groups.
    /// </summary>
    public string GroupsHeader { get; set; } = "X-Forwarded-Groups";

    /// <summary>Addresses or CIDR ranges allowed to set <see cref="UserHeader"/>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// Lets <see cref="KnownProxies"/> hold ranges wider than /16 (IPv4) or /48 (IPv6). Off: such a range is refused
    /// at start, since everything in it could sign in as anyone.
    /// </summary>
    public bool AllowWideRanges { get; set; }

    /// <summary>Where "Sign out" sends people (the proxy's own sign-out, e.g. <c>/oauth2/sign_out</c>); none hides the button.</summary>
    public string? SignOutUrl { get; set; }
}
