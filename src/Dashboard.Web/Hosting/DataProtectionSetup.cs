using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Where the Data Protection key ring lives. The keys sign and encrypt the sign-in cookie, antiforgery tokens and
/// Blazor's circuit state: kept in memory or in a container's own file system, a restart or a new container signs
/// everyone out, and replicas cannot read each other's cookies.
/// </summary>
internal static partial class DataProtectionSetup
{
    public const string SectionName = "DataProtection";

    /// <summary>The key ring's directory when <c>DOTNET_RUNNING_IN_CONTAINER=true</c>: mount a volume here.</summary>
    public const string ContainerDefaultKeysPath = "/app/keys";

    /// <summary>
    /// Isolates this dashboard's protected data from other apps; the same name on every replica (and across
    /// versions) is what lets replicas sharing the key directory read each other's cookies.
    /// </summary>
    public const string ApplicationName = "Vital.HistoricalPull.Dashboard";

    /// <summary>
    /// <c>DataProtection:KeysPath</c> when set (empty: off), else <see cref="ContainerDefaultKeysPath"/> in a container,
    /// else off (ASP.NET Core's default location: the user profile, or memory).
    /// </summary>
    public static string? EffectiveKeysPath(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[SectionName + ":KeysPath"];
        if (configured is not null)
        {
            return string.IsNullOrWhiteSpace(configured) ? null : configured.Trim();
        }

        return string.Equals(configuration["DOTNET_RUNNING_IN_CONTAINER"], "true", StringComparison.OrdinalIgnoreCase)
            ? ContainerDefaultKeysPath
            : null;
    }

    /// <summary>
    /// Persists the key ring to <see cref="EffectiveKeysPath"/> when that directory can be written, under one
    /// application name, and says at start where the keys are. A directory that cannot be written is a warning,
    /// not a failed start (as with the audit file): the dashboard works, but sign-ins end with the container.
    /// </summary>
    public static IServiceCollection AddDashboardDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        var certificate = LoadCertificate(configuration);
        if (certificate is not null)
        {
            // New keys are written encrypted to the certificate; keys it encrypted are read back with it (no store lookup).
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton(new KeyRingEncryption(certificate?.Thumbprint));
        services.AddSingleton(_ => KeyRingLocation.Probe(EffectiveKeysPath(configuration)));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, PersistToKeyRingLocation>();
        services.AddHostedService<KeyRingReport>();
        return services;
    }

    /// <summary>
    /// The certificate that encrypts the key ring at rest: a PFX at <c>DataProtection:CertificatePath</c> (a Docker or
    /// Kubernetes secret file), opened with <c>DataProtection:CertificatePassword</c> (a secret too: a file
    /// <c>DataProtection__CertificatePassword</c> under <c>/run/secrets</c>, like the API key). None when the path is
    /// not set. A path that is set but cannot be opened stops the start, naming the setting (never the password).
    /// </summary>
    public static X509Certificate2? LoadCertificate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[SectionName + ":CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(
                path.Trim(), configuration[SectionName + ":CertificatePassword"],
                X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath {path.Trim()} cannot be opened as a PFX with DataProtection:CertificatePassword ({ex.GetType().Name}). " +
                "Check the file, its permissions for the container's user, and the password.", ex);
        }

        using var privateKey = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (privateKey is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath {path.Trim()} holds no RSA private key: the key ring is encrypted and read back with an RSA certificate and its key.");
        }

        return certificate;
    }

    /// <summary>Whether the key ring is encrypted at rest, and with which certificate (its thumbprint, for the log).</summary>
    internal sealed record KeyRingEncryption(string? Thumbprint);

    /// <summary>The configured directory and whether this process can write to it (checked once).</summary>
    internal sealed record KeyRingLocation(string? Path, string? Problem)
    {
        public bool Persisted => Path is not null && Problem is null;

        public static KeyRingLocation Probe(string? path)
        {
            if (path is null)
            {
                return new KeyRingLocation(null, null);
            }

            try
            {
                var directory = Directory.CreateDirectory(System.IO.Path.GetFullPath(path));
                var probe = System.IO.Path.Combine(directory.FullName, $".write-test-{Environment.ProcessId}");
                File.WriteAllText(probe, string.Empty);
                File.Delete(probe);
                return new KeyRingLocation(directory.FullName, null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return new KeyRingLocation(path, ex.Message);
            }
        }
    }

    private sealed class PersistToKeyRingLocation(KeyRingLocation location, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options)
        {
            if (location.Persisted)
            {
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(location.Path!), loggerFactory);
            }
        }
    }

    private sealed partial class KeyRingReport(KeyRingLocation location, KeyRingEncryption encryption, ILogger<KeyRingReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (location.Persisted)
            {
                LogPersisted(logger, location.Path!, ApplicationName);
                if (encryption.Thumbprint is { } thumbprint)
                {
                    LogEncrypted(logger, thumbprint);
                }
                else
                {
                    LogUnencrypted(logger, location.Path!);
                }
            }
            else if (location.Path is not null)
            {
                LogUnwritable(logger, location.Path, location.Problem!);
            }
            else
            {
                LogDefault(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 9210, Level = LogLevel.Information,
            Message = "Data Protection keys (sign-in cookies, antiforgery) are kept in {KeysPath} for application {ApplicationName}")]
        private static partial void LogPersisted(ILogger logger, string keysPath, string applicationName);

        [LoggerMessage(EventId = 9213, Level = LogLevel.Information,
            Message = "Data Protection keys are encrypted at rest with the certificate of DataProtection:CertificatePath (thumbprint {Thumbprint})")]
        private static partial void LogEncrypted(ILogger logger, string thumbprint);

        [LoggerMessage(EventId = 9214, Level = LogLevel.Warning,
            Message = "Data Protection keys in {KeysPath} are stored unencrypted: whoever reads that directory can forge sign-in cookies. Set DataProtection:CertificatePath (a PFX from a secret, with DataProtection:CertificatePassword) to encrypt them at rest")]
        private static partial void LogUnencrypted(ILogger logger, string keysPath);

        [LoggerMessage(EventId = 9211, Level = LogLevel.Warning,
            Message = "DataProtection:KeysPath {KeysPath} cannot be written ({Reason}); keys stay where ASP.NET Core keeps them by default, so sign-ins end when this container is replaced and replicas cannot share them")]
        private static partial void LogUnwritable(ILogger logger, string keysPath, string reason);

        [LoggerMessage(EventId = 9212, Level = LogLevel.Information,
            Message = "Data Protection keys are kept where ASP.NET Core keeps them by default (set DataProtection:KeysPath to keep them in a shared directory)")]
        private static partial void LogDefault(ILogger logger);
    }
}
