using System.Collections.Concurrent;
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
        if (_deduplicator.IsRepeat(AuditLog.Actor(state.User), action, userId, detail))
        {
            return;
        }

        _audit.Record(action, userId, state.User, CorrelationId, detail, _clientAddress);
    }
}

/// <summary>Remembers recent page looks so a prerender and the circuit that follows it leave one record.</summary>
internal sealed class PageAuditDeduplicator(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Actor, AuditAction Action, string? UserId, string? Detail), DateTimeOffset> _recent = new();

    /// <summary>True when the same look was recorded within <see cref="Window"/>; otherwise remembers this one.</summary>
    public bool IsRepeat(string actor, AuditAction action, string? userId, string? detail)
    {
        var now = time.GetUtcNow();
        var key = (actor, action, userId, detail);
        if (_recent.TryGetValue(key, out var at) && now - at < Window)
        {
            return true;
        }

        _recent[key] = now;
        if (_recent.Count > 10_000)
        {
            foreach (var old in _recent.Where(e => now - e.Value >= Window).Select(e => e.Key).ToList())
            {
                _recent.TryRemove(old, out _);
            }
        }

        return false;
    }
}

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log (endpoints) and the page helper (one per request or circuit).</summary>
    public static IServiceCollection AddDashboardAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<PageAuditDeduplicator>();
        services.AddScoped<IPageAudit, PageAudit>();
        return services;
    }
}
