using System.Diagnostics;
using System.Security.Claims;

namespace Dashboard.Web.Security;

internal sealed partial class AuditLog(ILoggerFactory loggerFactory, IDashboardRoles roles) : IAuditLog
{
    /// <summary>The log category the audit sink listens to.</summary>
    public const string Category = "Dashboard.Audit";

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);

    public void Record(AuditAction action, string? userId, HttpContext context, string? detail = null) =>
        Write(action, userId, context.User, CorrelationId(context), detail, context.Connection.RemoteIpAddress?.ToString());

    public void Record(AuditAction action, string? userId, ClaimsPrincipal actor, string correlationId, string? detail = null, string? clientAddress = null) =>
        Write(action, userId, actor, correlationId, detail, clientAddress);

    /// <summary>The signed-in person as the audit trail names them: email, else name, else "anonymous".</summary>
    public static string Actor(ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimTypes.Email)?.Value
        ?? user?.FindFirst("email")?.Value
        ?? user?.Identity?.Name
        // A provider that sends neither (staff admitted by group): the token's subject, never "anonymous".
        ?? (user?.Identity?.IsAuthenticated == true ? (user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier))?.Value : null)
        ?? AnonymousAuthenticationHandler.UserName;

    /// <summary>
    /// One person, for what is counted or remembered per person (the API's rate limit, forced refreshes, open pages, a
    /// page view's audit record): <see cref="Identity"/>, the issuer and subject of their token where there is one. Not the
    /// email: a provider may send none (then every such person would share one allowance) or let a person set it.
    /// </summary>
    public static string PersonKey(ClaimsPrincipal? user)
    {
        var (issuer, subject) = Identity(user);
        return issuer + " " + subject;
    }

    /// <summary>
    /// The key a person is counted by: <c>user:</c> and their <see cref="PersonKey"/> when signed in; with sign-in off,
    /// where everyone is "anonymous", <paramref name="otherwise"/> (their address, or one page's circuit).
    /// </summary>
    public static string CountedAs(ClaimsPrincipal? user, string otherwise) =>
        user?.Identity?.IsAuthenticated == true && !DashboardAccess.IsAnonymous(user) ? "user:" + PersonKey(user) : otherwise;

    /// <summary>The key a request's person is counted by: <see cref="CountedAs(ClaimsPrincipal?, string)"/>, else the client address.</summary>
    public static string CountedAs(HttpContext context) =>
        CountedAs(context.User, "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));

    /// <summary>
    /// Who the person is for good, beside the email they showed (an address can be reassigned): with OpenID Connect the
    /// token's issuer and subject; behind a trusted proxy, or with sign-in off, the mode and the name it vouched for.
    /// </summary>
    public static (string Issuer, string Subject) Identity(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return ("-", AnonymousAuthenticationHandler.UserName);
        }

        if ((user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier)) is { } subject)
        {
            return (user.FindFirst("iss")?.Value ?? subject.Issuer, subject.Value);
        }

        return (user.Identity.AuthenticationType ?? "-", Actor(user));
    }

    /// <summary>The request's trace id (what the request log and traces carry), else ASP.NET Core's request id.</summary>
    public static string CorrelationId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    private void Write(AuditAction action, string? userId, ClaimsPrincipal user, string correlationId, string? detail, string? address)
    {
        var (issuer, subject) = Identity(user);
        LogAudit(_logger, action, userId ?? "-", Actor(user), issuer, subject, DashboardRoleNames.Of(roles.Of(user)), correlationId, detail ?? string.Empty, address ?? string.Empty);
    }

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information,
        Message = "Audit {AuditAction} of user {SubjectUserId} by {Actor} ({ActorIssuer} {ActorSubject}) as {ActorRoles} (correlation {CorrelationId}) {AuditDetail} {ClientAddress}")]
    private static partial void LogAudit(ILogger logger, AuditAction auditAction, string subjectUserId, string actor, string actorIssuer, string actorSubject, string actorRoles, string correlationId, string auditDetail, string clientAddress);
}
