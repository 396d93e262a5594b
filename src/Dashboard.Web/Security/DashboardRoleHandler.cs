using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

internal sealed class DashboardRoleHandler(IDashboardRoles roles) : AuthorizationHandler<DashboardRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardRoleRequirement requirement)
    {
        if (roles.Of(context.User).HasFlag(requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
