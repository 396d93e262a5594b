using System.Collections.Concurrent;

namespace Dashboard.Web.Security;

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
