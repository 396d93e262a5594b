using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>Holds <see cref="Role"/> (see <see cref="IDashboardRoles"/>).</summary>
public sealed class DashboardRoleRequirement(DashboardRole role) : IAuthorizationRequirement
{
    public DashboardRole Role { get; } = role;

    /// <summary>The role's name as the configuration and the audit trail say it.</summary>
    public string Name => DashboardRoleNames.Of(Role);
}
