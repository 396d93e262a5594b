using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Headers on every response, errors and redirects included (added when the response starts, so an exception
/// handler that clears the response does not lose them).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// What Blazor Server and MudBlazor need and no more: scripts only from this origin (no inline script; the
    /// import map is not used), inline styles (MudBlazor writes style attributes and its theme's style block),
    /// the circuit's WebSocket to this origin, no framing, no plugins. Forms may also post to the identity
    /// provider (sign-out goes through it).
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> extraFormActions)
    {
        var formAction = string.Join(' ', new[] { "'self'" }.Concat(extraFormActions).Distinct(StringComparer.Ordinal));
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'");
    }

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>Origins that sign-out may redirect a form post to (the identity provider, the proxy's sign-out).</summary>
    public static IEnumerable<string> SignOutOrigins(AuthOptions auth)
    {
        if (auth.Mode == AuthMode.OpenIdConnect && Uri.TryCreate(auth.OpenIdConnect.Authority, UriKind.Absolute, out var authority))
        {
            yield return authority.GetLeftPart(UriPartial.Authority);
        }

        if (auth.Mode == AuthMode.TrustedProxy && Uri.TryCreate(auth.TrustedProxy.SignOutUrl, UriKind.Absolute, out var signOut)
            && signOut.Scheme is "https" or "http")
        {
            yield return signOut.GetLeftPart(UriPartial.Authority);
        }
    }

    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app)
    {
        var auth = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var csp = ContentSecurityPolicy(SignOutOrigins(auth));

        return app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy = csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;

                // Health-data metadata is not for shared or browser caches; static assets set their own policy.
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
