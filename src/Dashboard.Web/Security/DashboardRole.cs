namespace Dashboard.Web.Security;

/// <summary>
/// What a person may do (docs/ARCHITECTURE.md, "Roles"): <see cref="Viewer"/> every page and the per-user exports,
/// <see cref="Exporter"/> the team CSV, <see cref="Operator"/> the manual refresh through Vital. Exporters and
/// operators are viewers too. <see cref="IDashboardRoles"/> says who holds which.
/// </summary>
[Flags]
public enum DashboardRole
{
    None = 0,
    Viewer = 1,
    Exporter = 2,
    Operator = 4,
}

public static class DashboardRoleNames
{
    /// <summary>The roles as the audit trail and the configuration name them: <c>viewer,exporter</c>, or <c>none</c>.</summary>
    public static string Of(DashboardRole roles)
    {
        if (roles == DashboardRole.None)
        {
            return "none";
        }

        var names = new List<string>(3);
        if (roles.HasFlag(DashboardRole.Viewer))
        {
            names.Add(DashboardPolicies.Viewer);
        }

        if (roles.HasFlag(DashboardRole.Exporter))
        {
            names.Add(DashboardPolicies.Exporter);
        }

        if (roles.HasFlag(DashboardRole.Operator))
        {
            names.Add(DashboardPolicies.Operator);
        }

        return string.Join(',', names);
    }
}
