using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Security;

internal sealed class PageAudit : IPageAudit
{
    private readonly IAuditLog _audit;
    private readonly AuthenticationStateProvider _authentication;
    private readonly PageAuditDeduplicator _deduplicator;
    private readonly string? _clientAddress;

    public PageAudit(IAuditLog audit, AuthenticationStateProvider authentication, PageAuditDeduplicator deduplicator, IHttpContextAccessor http)
    {
        _audit = audit;
        _authentication = authentication;
        _deduplicator = deduplicator;

        // The scope is created by a page request (prerender or static rendering) or by the circuit's hub connection.
        var context = http.HttpContext;
        _clientAddress = context?.Connection.RemoteIpAddress?.ToString();
        CorrelationId = context is not null && !context.Request.Path.StartsWithSegments("/_blazor")
            ? AuditLog.CorrelationId(context)
            : "circuit-" + Guid.NewGuid().ToString("N");
    }

    public string CorrelationId { get; }

    public async Task RecordAsync(AuditAction action, string? userId, string? detail = null)
    {
        var state = await _authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        if (_deduplicator.IsRepeat(AuditLog.CountedAs(state.User, "ip:" + _clientAddress), action, userId, detail))
        {
            return;
        }

        _audit.Record(action, userId, state.User, CorrelationId, detail, _clientAddress);
    }
}
