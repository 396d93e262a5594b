using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Web.Security;

/// <summary>
/// Sign-in for the three <c>Auth:Mode</c>s and one authorization rule for all of them: every endpoint without its
/// own metadata (pages, the Blazor hub, the API, unmatched paths) falls back to the viewer policy
/// (<see cref="DashboardAccessRequirement"/> and the viewer role); the team CSV needs the exporter role
/// (<see cref="DashboardPolicies"/>). Only the health probes, static assets and the sign-in pages opt out.
/// </summary>
internal static partial class DashboardAuthentication
{
    /// <summary>Where the cookie keeps the time of the sign-in (renewals keep it): the session's absolute end is counted from it.</summary>
    private const string SignedInAtKey = ".signedInAt";

    public const string AccessDeniedPath = "/access-denied";
    public const string SignedOutPath = "/signed-out";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();

        switch (auth.Mode)
        {
            case AuthMode.OpenIdConnect:
                AddOpenIdConnect(services, auth, environment);
                break;
            case AuthMode.TrustedProxy:
                services.AddAuthentication(TrustedProxyAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TrustedProxyAuthenticationHandler>(TrustedProxyAuthenticationHandler.SchemeName, null);
                break;
            default:
                services.AddAuthentication(AnonymousAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, AnonymousAuthenticationHandler>(AnonymousAuthenticationHandler.SchemeName, null);
                break;
        }

        // Pages, the hub and endpoints without a policy of their own: a viewer (which includes the sign-in rule).
        var policy = DashboardPolicies.For(DashboardRole.Viewer);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(policy)
            .SetFallbackPolicy(policy);
        services.AddSingleton<IAuthorizationHandler, DashboardAccessHandler>();
        services.AddDashboardPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RoleProblems>();
        services.AddCascadingAuthenticationState();
        // Open pages re-check access every minute (Blazor's own provider keeps the first identity for the circuit's life).
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitAccessRevalidation>();
        return services;
    }

    private static void AddOpenIdConnect(IServiceCollection services, AuthOptions auth, IHostEnvironment environment)
    {
        var oidc = auth.OpenIdConnect;
        var secureCookies = !environment.IsDevelopment();

        // The cookie's clock is the app's (tests move it).
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((options, time) => options.TimeProvider = time);
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                // __Host- pins the cookie to this host, over https, for the whole path: no subdomain can set or read it.
                options.Cookie.Name = secureCookies ? "__Host-Dashboard" : "Dashboard";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.AccessDeniedPath = AccessDeniedPath;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    // Pages get the explanation; scripts, fetches and the Blazor hub get a plain 403.
                    if (IsMachineRequest(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Access denied",
                            detail: "This account is signed in but may not use the dashboard.").ExecuteAsync(context.HttpContext);
                    }

                    context.Response.Redirect(AccessDeniedPath);
                    return Task.CompletedTask;
                };
                // Sliding renewal alone would keep a session alive for as long as it is used: it also ends
                // Auth:SessionHours after the sign-in, however active, and the person signs in again.
                options.Events.OnSigningIn = context =>
                {
                    var signedInAt = context.Options.TimeProvider!.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                    context.Properties.Items.TryAdd(SignedInAtKey, signedInAt);
                    // The same time as a claim, which an open page's identity carries: its revalidation ends it too.
                    if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity
                        && !identity.HasClaim(c => c.Type == CircuitAccessRevalidation.SignedInAtClaim))
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(CircuitAccessRevalidation.SignedInAtClaim, signedInAt));
                    }

                    return Task.CompletedTask;
                };
                options.Events.OnValidatePrincipal = async context =>
                {
                    var hours = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.SessionHours;
                    var signedInAt = context.Properties.Items.TryGetValue(SignedInAtKey, out var text)
                        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                        ? at
                        : context.Properties.IssuedUtc;
                    if (signedInAt is null || context.Options.TimeProvider!.GetUtcNow() - signedInAt.Value > TimeSpan.FromHours(hours))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                    }
                };
            })
            .AddOpenIdConnect(options =>
            {
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.ResponseMode = OpenIdConnectResponseMode.FormPost;
                options.UsePkce = true;
                options.RequireHttpsMetadata = true;
                // Only the id token is kept (in the protected cookie), for the provider's sign-out: it names the session
                // to end (id_token_hint). Access and refresh tokens are never kept: the dashboard calls nothing with them.
                options.SaveTokens = false;
                options.Events.OnTokenValidated = context =>
                {
                    if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken) is { Length: > 0 } idToken)
                    {
                        context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
                    }

                    return Task.CompletedTask;
                };
                options.DisableTelemetry = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "email";
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" }.Concat(oidc.Scopes).Distinct(StringComparer.Ordinal))
                {
                    options.Scope.Add(scope);
                }

                options.ClaimActions.MapUniqueJsonKey("email", "email");
                options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                options.ClaimActions.MapJsonKey(oidc.GroupsClaim, oidc.GroupsClaim);
                options.SignedOutRedirectUri = SignedOutPath;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Events.OnRemoteFailure = context =>
                {
                    var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAuthentication).FullName!);
                    LogRemoteFailure(logger, context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? string.Empty);
                    context.Response.Redirect(AccessDeniedPath + "?signin=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
    }

    /// <summary>Requests that want data, not a page: the API, the Blazor hub, fetches.</summary>
    public static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        || request.Path.StartsWithSegments("/_blazor")
        || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Warning, Message = "Sign-in with the identity provider failed: {FailureType}: {FailureMessage}")]
    private static partial void LogRemoteFailure(ILogger logger, string failureType, string failureMessage);
}
