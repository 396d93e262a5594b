using System.Security.Claims;

namespace Dashboard.Web.Security;

/// <summary>
/// One structured event per view or export of users' data: who, which user, which page or export, when, and the
/// correlation id. Written to the console log and to the audit sink (<c>Audit:Path</c>). Pages use
/// <see cref="IPageAudit"/>, which fills in who and the correlation id.
/// </summary>
public interface IAuditLog
{
    void Record(AuditAction action, string? userId, HttpContext context, string? detail = null);

    void Record(AuditAction action, string? userId, ClaimsPrincipal actor, string correlationId, string? detail = null, string? clientAddress = null);
}
