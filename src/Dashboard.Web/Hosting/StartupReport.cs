using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>What an operator needs to read in the log when the dashboard starts: how people sign in, where the audit goes.</summary>
internal static partial class StartupReport
{
    public static void Write(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Startup");
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var environment = services.GetRequiredService<IDashboardEnvironment>();

        LogSignIn(logger, auth.Mode);
        if (environment.IsAnonymousLive)
        {
            LogAnonymousLive(logger);
        }

        var vital = services.GetRequiredService<IOptions<Vital.Introspection.VitalOptions>>().Value;
        if (Vital.Introspection.VitalOptionsValidator.UsesInsecureBaseUrl(vital))
        {
            LogInsecureBaseUrl(logger, vital.BaseUrl!.Host);
        }

        var path = AuditOptions.EffectivePath(services.GetRequiredService<IConfiguration>());
        if (path is null)
        {
            LogAuditConsoleOnly(logger);
            return;
        }

        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
                var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
                File.WriteAllText(probe, string.Empty);
                File.Delete(probe);
            }

            LogAuditFile(logger, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogAuditUnwritable(logger, path, ex.Message);
        }
    }

    [LoggerMessage(EventId = 9200, Level = LogLevel.Information, Message = "Sign-in: Auth:Mode is {AuthMode}")]
    private static partial void LogSignIn(ILogger logger, AuthMode authMode);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning,
        Message = "Sign-in is OFF with a live Vital key (Auth:Mode=None, Auth:AllowAnonymous=true): anyone who reaches this dashboard reads the team's data")]
    private static partial void LogAnonymousLive(ILogger logger);

    [LoggerMessage(EventId = 9205, Level = LogLevel.Warning,
        Message = "Vital:AllowInsecureBaseUrl=true: the team key is sent over plain http to {UpstreamHost}, readable on the network. For the simulator and tests only")]
    private static partial void LogInsecureBaseUrl(ILogger logger, string upstreamHost);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Information, Message = "Audit events go to the console log only (set Audit:Path for a separate file)")]
    private static partial void LogAuditConsoleOnly(ILogger logger);

    [LoggerMessage(EventId = 9203, Level = LogLevel.Information, Message = "Audit events go to the console log and to {AuditPath} (one file a day)")]
    private static partial void LogAuditFile(ILogger logger, string auditPath);

    [LoggerMessage(EventId = 9204, Level = LogLevel.Warning, Message = "Audit:Path {AuditPath} cannot be written ({Reason}); audit events reach the console log only")]
    private static partial void LogAuditUnwritable(ILogger logger, string auditPath, string reason);
}
