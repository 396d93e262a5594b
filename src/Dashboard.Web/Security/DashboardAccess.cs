using System.Security.Claims;

namespace Dashboard.Web.Security;

public static class DashboardAccess
{
    /// <summary>The authentication type of the identity everyone gets with <c>Auth:Mode=None</c>.</summary>
    public const string AnonymousAuthenticationType = "Anonymous";

    /// <summary>
    /// Whether an OpenID Connect user may see the dashboard. Email domains match exactly (no subdomains), case
    /// aside, and only when the provider does not say the address is unverified (<c>email_verified=false</c>).
    /// Groups match the configured claim's values exactly.
    /// </summary>
    public static bool IsAllowed(ClaimsPrincipal user, OpenIdConnectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(settings);

        var domains = settings.AllowedEmailDomains.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        var groups = settings.AllowedGroups.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        if (domains.Count == 0 && groups.Count == 0)
        {
            return true;
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
        ArgumentNullException.ThrowIfNull(user);
        var email = user.FindFirst("email")?.Value ?? user.FindFirst(ClaimTypes.Email)?.Value;
        if (string.IsNullOrEmpty(email)
            || string.Equals(user.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        return at > 0 && at < email.Length - 1 ? email[(at + 1)..] : null;
    }
}
