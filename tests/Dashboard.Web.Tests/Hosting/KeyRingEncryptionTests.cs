using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Web.Tests.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Serilog.Events;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// <c>DataProtection:CertificatePath</c> encrypts the key ring at rest (the keys that sign cookies and antiforgery
/// tokens): the files in <c>DataProtection:KeysPath</c> hold the key encrypted to the certificate, never in plain text.
/// The certificate is made here, for the test only: no private key is committed.
/// </summary>
public sealed class KeyRingEncryptionTests : IDisposable
{
    private const string Password = "test-only-pfx-password";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("dashboard-keyring-");

    private string KeysPath => Path.Combine(_root.FullName, "keys");

    private string CertificatePath => Path.Combine(_root.FullName, "dataprotection.pfx");

    public KeyRingEncryptionTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dashboard-keyring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, Password));
    }

    [Fact]
    public async Task KeyRing_WithACertificate_IsWrittenEncrypted()
    {
        await using var factory = new DashboardFactory(Settings(withCertificate: true));

        Protect(factory);

        var xml = KeyFiles();
        Assert.NotEmpty(xml);
        Assert.All(xml, key =>
        {
            Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task KeyRing_Encrypted_IsReadByAReplicaWithTheCertificateOnly()
    {
        string protectedText;
        await using (var first = new DashboardFactory(Settings(withCertificate: true)))
        {
            protectedText = Protect(first);
        }

        await using var replica = new DashboardFactory(Settings(withCertificate: true));
        await using var withoutCertificate = new DashboardFactory(Settings(withCertificate: false));

        Assert.Equal("a sign-in cookie", Protector(replica).Unprotect(protectedText));
        Assert.ThrowsAny<CryptographicException>(() => Protector(withoutCertificate).Unprotect(protectedText));
    }

    [Fact]
    public async Task KeyRing_PasswordFromASecretFile_OpensTheCertificate()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_root.FullName, "secrets"));
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "DataProtection__CertificatePassword"), Password + "\n", TestContext.Current.CancellationToken);
        var settings = Settings(withCertificate: true);
        settings.Remove("DataProtection:CertificatePassword");
        settings["DASHBOARD_SECRETS_DIR"] = secrets.FullName;
        await using var factory = new DashboardFactory(settings);

        Protect(factory);

        Assert.All(KeyFiles(), key => Assert.Contains("encryptedSecret", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyRing_WithoutACertificate_IsPlainAndTheLogSaysWhichSettingEncryptsIt()
    {
        var sink = new InMemorySink();
        await using var factory = new DashboardFactory(Settings(withCertificate: false), services: s => s.AddSingleton<Serilog.Core.ILogEventSink>(sink));

        Protect(factory);

        Assert.All(KeyFiles(), key => Assert.Contains("<masterKey", key, StringComparison.Ordinal));
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning
            && e.RenderMessage().Contains("unencrypted", StringComparison.Ordinal)
            && e.RenderMessage().Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WrongCertificatePassword_RefusesNamingTheSettingNotThePassword()
    {
        var settings = Settings(withCertificate: true);
        settings["DataProtection:CertificatePassword"] = "wrong-password-7f3a";
        await using var factory = new DashboardFactory(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-7f3a", error.ToString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(bool withCertificate)
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:KeysPath"] = KeysPath };
        if (withCertificate)
        {
            settings["DataProtection:CertificatePath"] = CertificatePath;
            settings["DataProtection:CertificatePassword"] = Password;
        }

        return settings;
    }

    private static IDataProtector Protector(DashboardFactory factory) =>
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingEncryptionTests");

    /// <summary>Protects a payload, which makes the host create (and persist) its first key.</summary>
    private static string Protect(DashboardFactory factory) => Protector(factory).Protect("a sign-in cookie");

    private List<string> KeyFiles() =>
        [.. Directory.EnumerateFiles(KeysPath, "key-*.xml").Select(File.ReadAllText)];

    public void Dispose() => _root.Delete(recursive: true);
}
