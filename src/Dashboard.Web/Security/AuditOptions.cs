namespace Dashboard.Web.Security;

/// <summary>The <c>Audit</c> configuration section: where the audit trail is written besides the console log.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Where the audit file goes in a container image unless <c>Audit:Path</c> says otherwise.</summary>
    public const string ContainerDefaultPath = "/app/audit/audit-.log";

    /// <summary>
    /// The audit file (rolled daily: <c>audit-20261126.log</c>, one compact JSON event a line). Not set: off outside
    /// containers, <see cref="ContainerDefaultPath"/> when <c>DOTNET_RUNNING_IN_CONTAINER=true</c>. Empty: off.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How many daily files are kept.</summary>
    public int RetainedDays { get; set; } = 365;

    /// <summary>The file to write, or null for none, with the container default applied.</summary>
    public static string? EffectivePath(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[SectionName + ":" + nameof(Path)];
        if (configured is not null)
        {
            return string.IsNullOrWhiteSpace(configured) ? null : configured.Trim();
        }

        return string.Equals(configuration["DOTNET_RUNNING_IN_CONTAINER"], "true", StringComparison.OrdinalIgnoreCase)
            ? ContainerDefaultPath
            : null;
    }
}
