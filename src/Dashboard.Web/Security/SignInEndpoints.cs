using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// <c>GET /signin?returnUrl=</c> and <c>POST /signout</c> (antiforgery-checked). Return URLs stay inside the app
/// (<see cref="ReturnUrls"/>). Both are anonymous so that someone signed out can reach them.
/// </summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapDashboardSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DashboardAuthentication.SignInPath, SignIn).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(DashboardAuthentication.SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult SignIn(string? returnUrl, HttpContext context, IOptions<AuthOptions> options)
    {
        var target = ReturnUrls.Sanitize(returnUrl);
        if (options.Value.Mode != AuthMode.OpenIdConnect || context.User.Identity?.IsAuthenticated == true)
        {
            return Results.LocalRedirect(target);
        }

        return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, IOptions<AuthOptions> options)
    {
        // Checked here rather than by metadata: a cross-site form must not be able to sign anyone out.
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out was not confirmed",
                detail: "Use the Sign out button in the dashboard.");
        }

        var auth = options.Value;
        switch (auth.Mode)
        {
            case AuthMode.OpenIdConnect:
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                var oidc = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
                var configuration = oidc.ConfigurationManager is { } manager
                    ? await manager.GetConfigurationAsync(context.RequestAborted).ConfigureAwait(false)
                    : oidc.Configuration;
                if (string.IsNullOrEmpty(configuration?.EndSessionEndpoint))
                {
                    return Results.LocalRedirect(DashboardAuthentication.SignedOutPath);
                }

                // Also end the session at the identity provider, which then comes back to /signed-out.
                return Results.SignOut(new AuthenticationProperties { RedirectUri = DashboardAuthentication.SignedOutPath },
                    [OpenIdConnectDefaults.AuthenticationScheme]);

            case AuthMode.TrustedProxy when !string.IsNullOrWhiteSpace(auth.TrustedProxy.SignOutUrl):
                return Results.Redirect(auth.TrustedProxy.SignOutUrl);

            case AuthMode.TrustedProxy:
                return Results.LocalRedirect(DashboardAuthentication.SignedOutPath);

            default:
                return Results.LocalRedirect("/");
        }
    }
}
