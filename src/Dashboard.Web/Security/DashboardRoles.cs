using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

internal sealed class DashboardRoles(IOptionsMonitor<AuthOptions> options) : IDashboardRoles
{
    public DashboardRole Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return DashboardRole.None;
        }

        var auth = options.CurrentValue;
        if (auth.Mode == AuthMode.None || DashboardAccess.IsAnonymous(user))
        {
            // Sign-in off: one shared identity. It reads and exports (as before roles existed), and never writes to Vital.
            return auth.Mode == AuthMode.None ? DashboardRole.Viewer | DashboardRole.Exporter : DashboardRole.None;
        }

        var (email, groups) = auth.Mode == AuthMode.OpenIdConnect
            ? (DashboardAccess.VerifiedEmail(user), user.FindAll(auth.OpenIdConnect.GroupsClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal))
            : (user.FindFirst(ClaimTypes.Email)?.Value, user.FindAll(TrustedProxyAuthenticationHandler.GroupsClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

        var roles = DashboardRole.None;
        if (Holds(auth.Roles.Exporter, email, groups))
        {
            roles |= DashboardRole.Exporter | DashboardRole.Viewer;
        }

        if (Holds(auth.Roles.Operator, email, groups))
        {
            roles |= DashboardRole.Operator | DashboardRole.Viewer;
        }

        if (auth.Roles.Viewer.Count == 0 || Holds(auth.Roles.Viewer, email, groups))
        {
            roles |= DashboardRole.Viewer;
        }

        return roles;
    }

    /// <summary>An entry with <c>@</c> is an email address (case aside), anything else a group (exactly).</summary>
    private static bool Holds(List<string> entries, string? email, HashSet<string> groups)
    {
        foreach (var entry in entries)
        {
            var value = entry.Trim();
            if (value.Contains('@', StringComparison.Ordinal)
                ? email is not null && string.Equals(value, email.Trim(), StringComparison.OrdinalIgnoreCase)
                : groups.Contains(value))
            {
                return true;
            }
        }

        return false;
    }
}
