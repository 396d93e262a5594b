using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// With <c>Auth:Mode=OpenIdConnect</c> a signed-in person passes when <em>any</em> configured constraint matches
/// (an allowed, verified email domain or an allowed group); with none configured, only when
/// <c>Auth:OpenIdConnect:AllowAnyone=true</c> says so (the dashboard refuses to start otherwise). The other
/// modes delegate the decision: the proxy (TrustedProxy) or the operator's opt-in (None).
/// </summary>
internal sealed class DashboardAccessHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<DashboardAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardAccessRequirement requirement)
    {
        var auth = options.CurrentValue;
        if (context.User.Identity?.IsAuthenticated == true
            && (auth.Mode != AuthMode.OpenIdConnect || DashboardAccess.IsAllowed(context.User, auth.OpenIdConnect)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
