namespace Dashboard.Web.Hosting;

internal static class ConfigurationSetup
{
    /// <summary>Where Docker (and Kubernetes) mount secrets; each file is one key (<c>Vital__ApiKey</c>).</summary>
    public const string DefaultSecretsDirectory = "/run/secrets";

    /// <summary>
    /// Adds a key-per-file directory after the other sources, so a Docker secret named <c>Vital__ApiKey</c>
    /// supplies <c>Vital:ApiKey</c>. <c>DASHBOARD_SECRETS_DIR</c> moves it (tests, other orchestrators).
    /// </summary>
    public static WebApplicationBuilder AddDashboardConfiguration(this WebApplicationBuilder builder)
    {
        var directory = Environment.GetEnvironmentVariable("DASHBOARD_SECRETS_DIR") ?? DefaultSecretsDirectory;
        builder.Configuration.AddKeyPerFile(source =>
        {
            source.FileProvider = Directory.Exists(directory)
                ? new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory)
                : null;
            source.Optional = true;
            source.ReloadOnChange = false;
            // Files that are not configuration (a README, editor backups) are not read.
            source.IgnoreCondition = name => name.StartsWith('.') || name.Contains('.', StringComparison.Ordinal);
        });
        return builder;
    }
}
