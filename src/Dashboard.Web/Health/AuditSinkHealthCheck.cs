using Dashboard.Web.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Health;

/// <summary>
/// Ready only while the audit file can be written: a full disk or a lost volume would otherwise drop every audit
/// event without a word (the file sink reports its failures to Serilog's self-log, on standard error, only).
/// No audit file configured: nothing to check.
/// </summary>
internal sealed class AuditSinkHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = AuditOptions.EffectivePath(configuration);
        if (path is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Audit events go to the console log only."));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            using (new FileStream(Path.Combine(directory, $".ready-{Environment.ProcessId}-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                return Task.FromResult(HealthCheckResult.Healthy("The audit file can be written."));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The audit file's directory (Audit:Path) cannot be written: audit events would be lost."));
        }
    }
}
