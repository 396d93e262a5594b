using System.Reflection;
using Dashboard.Web.Security;

namespace Dashboard.Web.Tests.Support;

/// <summary>One audit event as a page recorded it.</summary>
internal sealed record AuditEntry(AuditAction Action, string? UserId, string? Detail, string? CorrelationId);

/// <summary>
/// A recording <see cref="IAuditLog"/>. It records by parameter name through a <see cref="DispatchProxy"/> rather
/// than implementing the overloads, because the interface gains parameters on the security branch; the fake keeps
/// compiling and recording across that change.
/// </summary>
public class AuditRecorder : DispatchProxy
{
    private readonly List<AuditEntry> _entries = [];

    internal IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    internal static (IAuditLog Log, AuditRecorder Recorder) Create()
    {
        var log = Create<IAuditLog, AuditRecorder>();
        return (log, (AuditRecorder)(object)log);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var parameters = targetMethod.GetParameters();
        object? Arg(string name) => Array.FindIndex(parameters, p => p.Name == name) is var i and >= 0 ? args?[i] : null;

        lock (_entries)
        {
            _entries.Add(new AuditEntry((AuditAction)Arg("action")!, (string?)Arg("userId"), (string?)Arg("detail"), (string?)Arg("correlationId")));
        }

        return null;
    }
}
