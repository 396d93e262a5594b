using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// Authorization policy names, one per role (docs/ARCHITECTURE.md, "Roles"). Every page, the hub and every endpoint
/// without its own policy need <see cref="Viewer"/> (the fallback); the team CSV needs <see cref="Exporter"/>; the
/// manual refresh needs <see cref="Operator"/>. Each policy includes the sign-in rule (<see cref="DashboardAccessRequirement"/>).
/// </summary>
public static class DashboardPolicies
{
    public const string Viewer = "viewer";
    public const string Exporter = "exporter";
    public const string Operator = "operator";

    /// <summary>A policy: signed in, admitted by the sign-in rules, and holding <paramref name="role"/>.</summary>
    public static AuthorizationPolicy For(DashboardRole role) => new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new DashboardAccessRequirement(), new DashboardRoleRequirement(role))
        .Build();

    /// <summary>The three policies, their handler and <see cref="IDashboardRoles"/> (the bUnit tests use this too).</summary>
    public static IServiceCollection AddDashboardPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IDashboardRoles, DashboardRoles>();
        services.AddSingleton<IAuthorizationHandler, DashboardRoleHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewer, For(DashboardRole.Viewer))
            .AddPolicy(Exporter, For(DashboardRole.Exporter))
            .AddPolicy(Operator, For(DashboardRole.Operator));
        return services;
    }
}
