using System.Security.Claims;

namespace Dashboard.Web.Security;

public static class DashboardAccess
{
    /// <summary>The authentication type of the identity everyone gets with <c>Auth:Mode=None</c>.</summary>
    public const string AnonymousAuthenticationType = "Anonymous";

    /// <summary>
    /// Whether an OpenID Connect user may see the dashboard. Email domains match exactly (no subdomains), case
    /// aside, and only when the provider says the address is verified (<c>email_verified=true</c>; a missing claim is
    /// not verified). Groups match the configured claim's values exactly. With neither list, only
    /// <see cref="OpenIdConnectSettings.AllowAnyone"/> lets anyone in (the validator refuses to start otherwise).
    /// </summary>
    public static bool IsAllowed(ClaimsPrincipal user, OpenIdConnectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(settings);

        var domains = settings.AllowedEmailDomains.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        var groups = settings.AllowedGroups.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        if (domains.Count == 0 && groups.Count == 0)
        {
            return settings.AllowAnyone;
        }

        if (domains.Count > 0 && EmailDomain(user) is { } domain
            && domains.Exists(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return groups.Count > 0
            && user.FindAll(settings.GroupsClaim).Any(c => groups.Exists(g => string.Equals(g.Trim(), c.Value, StringComparison.Ordinal)));
    }

    /// <summary>Whether this is the shared identity of <c>Auth:Mode=None</c>, not a person.</summary>
    public static bool IsAnonymous(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: AnonymousAuthenticationType };

    /// <summary>The domain of the user's verified email address, or null.</summary>
    public static string? EmailDomain(ClaimsPrincipal user)
    {
        var email = VerifiedEmail(user);
        if (email is null)
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        return at > 0 && at < email.Length - 1 ? email[(at + 1)..] : null;
    }

    /// <summary>
    /// The user's email address when the identity provider vouches for it (<c>email_verified</c> is true), else
    /// null. A provider that never sends the claim never yields a verified address: allow such people by group.
    /// </summary>
    public static string? VerifiedEmail(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.FindFirst("email")?.Value ?? user.FindFirst(ClaimTypes.Email)?.Value;
        return !string.IsNullOrEmpty(email)
            && string.Equals(user.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase)
            ? email
            : null;
    }
}
