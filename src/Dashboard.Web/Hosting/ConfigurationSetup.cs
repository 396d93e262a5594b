namespace Dashboard.Web.Hosting;

internal static class ConfigurationSetup
{
    /// <summary>Where Docker (and Kubernetes) mount secrets; each file is one key (<c>Vital__ApiKey</c>).</summary>
    public const string DefaultSecretsDirectory = "/run/secrets";

    /// <summary>The setting (an environment variable, or a host setting in tests) that moves the directory.</summary>
    public const string SecretsDirectorySetting = "DASHBOARD_SECRETS_DIR";

    /// <summary>
    /// Adds a key-per-file directory after the other sources, so a Docker secret named <c>Vital__ApiKey</c>
    /// supplies <c>Vital:ApiKey</c> (a trailing newline in the file is dropped). <c>DASHBOARD_SECRETS_DIR</c>, read
    /// from configuration (so the environment, or a host setting in tests), moves it.
    /// </summary>
    public static WebApplicationBuilder AddDashboardConfiguration(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration[SecretsDirectorySetting] is { Length: > 0 } configured ? configured : DefaultSecretsDirectory;
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
