using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// The audit trail from a page: <c>await PageAudit.RecordAsync(AuditAction.UserPage, userId)</c> once the page has
/// shown the data. Who comes from the circuit's <see cref="AuthenticationState"/>; the correlation id is the
/// request's trace id while prerendering, and one id per circuit afterwards.
/// </summary>
/// <remarks>
/// A Blazor page renders twice on first load (prerender, then the circuit), so the same look by the same person
/// within <see cref="PageAuditDeduplicator.Window"/> is recorded once.
/// </remarks>
public interface IPageAudit
{
    /// <summary>Joins this scope's audit events with its request or circuit.</summary>
    string CorrelationId { get; }

    Task RecordAsync(AuditAction action, string? userId, string? detail = null);
}
