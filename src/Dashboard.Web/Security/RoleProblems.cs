using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// A signed-in, admitted person without the role an endpoint needs gets 403 with a problem body that names the role
/// and whom to ask (<c>Auth:AccessContact</c>), in every sign-in mode. Everything else is the framework's answer
/// (a challenge, the access-denied page).
/// </summary>
internal sealed class RoleProblems(IOptionsMonitor<AuthOptions> options) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        if (authorizeResult.Forbidden
            && failed.OfType<DashboardRoleRequirement>().FirstOrDefault() is { } missing
            && !failed.OfType<DashboardAccessRequirement>().Any()
            && DashboardAuthentication.IsMachineRequest(context.Request))
        {
            var contact = options.CurrentValue.AccessContact;
            context.Response.Headers.CacheControl = "no-store";
            await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Role needed",
                    detail: $"This needs the {missing.Name} role, which this account does not hold." +
                        (string.IsNullOrWhiteSpace(contact) ? " Ask whoever runs the dashboard." : $" Ask {contact}."),
                    extensions: new Dictionary<string, object?> { ["role"] = missing.Name })
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
