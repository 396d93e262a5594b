using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// An open page (a Blazor circuit) keeps the identity it started with; every <see cref="Interval"/> this asks again
/// whether that identity would still be let in: the same rule as the hub's (the fallback policy: the sign-in
/// allow-lists and the viewer role, read from the configuration as it is now, so an edit of <c>Auth:Roles</c> or
/// <c>Auth:OpenIdConnect:Allowed*</c> that reloads takes effect), and, with OpenID Connect, the session's absolute
/// end (<c>Auth:SessionHours</c> after the sign-in). When the answer is no, the circuit's user becomes nobody and
/// <c>CircuitAccessGuard</c> hides the page and reloads it, so the next request meets sign-in again.
/// What cannot be re-checked here: a change at the identity provider (a person removed from a group there) reaches
/// the dashboard only with the next sign-in, since the groups travel in the cookie.
/// </summary>
internal sealed partial class CircuitAccessRevalidation(
    ILoggerFactory loggerFactory,
    IAuthorizationService authorization,
    IAuthorizationPolicyProvider policies,
    IOptionsMonitor<AuthOptions> options,
    TimeProvider time) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>How often an open page's access is checked again: a removed person loses it within this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The claim the sign-in cookie carries with the time of the sign-in (ISO 8601, UTC).</summary>
    public const string SignedInAtClaim = "dashboard_signed_in_at";

    private readonly ILogger _logger = loggerFactory.CreateLogger<CircuitAccessRevalidation>();

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillAllowedAsync(authenticationState.User);

    /// <summary>Whether <paramref name="user"/> would be let in now; says why in the log when not.</summary>
    public async Task<bool> IsStillAllowedAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var actor = user.Identity.Name ?? "(unnamed)";
        var auth = options.CurrentValue;
        if (auth.Mode == AuthMode.OpenIdConnect && SignedInAt(user) is { } signedInAt
            && time.GetUtcNow() - signedInAt > TimeSpan.FromHours(auth.SessionHours))
        {
            LogEnded(_logger, actor, "the session is older than Auth:SessionHours");
            return false;
        }

        var policy = await policies.GetFallbackPolicyAsync().ConfigureAwait(false) ?? DashboardPolicies.For(DashboardRole.Viewer);
        if (!(await authorization.AuthorizeAsync(user, resource: null, policy).ConfigureAwait(false)).Succeeded)
        {
            LogEnded(_logger, actor, "the sign-in rules or roles no longer admit this person");
            return false;
        }

        return true;
    }

    /// <summary>When the person signed in, from the cookie's claim; null when the identity carries none.</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal user) =>
        user.FindFirst(SignedInAtClaim)?.Value is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    [LoggerMessage(EventId = 9120, Level = LogLevel.Information, Message = "An open page of {Actor} lost access: {Reason}")]
    private static partial void LogEnded(ILogger logger, string actor, string reason);
}
