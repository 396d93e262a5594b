using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Support;

/// <summary>One audit event as a page recorded it.</summary>
internal sealed record AuditEntry(AuditAction Action, string? UserId, string? Detail);

/// <summary>Records what the pages put in the audit trail (who and the correlation id are the real helper's business).</summary>
internal sealed class FakePageAudit : IPageAudit
{
    private readonly List<AuditEntry> _entries = [];

    public string CorrelationId => "test-circuit";

    public IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public Task RecordAsync(AuditAction action, string? userId, string? detail = null)
    {
        lock (_entries)
        {
            _entries.Add(new AuditEntry(action, userId, detail));
        }

        return Task.CompletedTask;
    }
}
