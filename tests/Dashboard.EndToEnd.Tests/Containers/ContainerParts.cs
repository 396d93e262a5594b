using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>Small pieces the container tests share.</summary>
internal static class ContainerParts
{
    /// <summary>The port both images listen on (<c>ASPNETCORE_HTTP_PORTS</c> of the .NET images).</summary>
    public const int AppPort = 8080;

    /// <summary>A container of a locally built image (never pulled), published on a random loopback port, ready once <c>/healthz</c> answers.</summary>
    public static ContainerBuilder FromImage(BuiltImage image, string name, TimeSpan healthyWithin) =>
        new ContainerBuilder(image.Name)
            .WithName(name)
            .WithImagePullPolicy(PullPolicy.Never)
            .WithPortBinding(AppPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                request => request.ForPort(AppPort).ForPath("/healthz"),
                wait => wait.WithTimeout(healthyWithin).WithInterval(TimeSpan.FromMilliseconds(250))));

    /// <summary>An <see cref="HttpClient"/> for a container's published app port.</summary>
    public static HttpClient ClientFor(IContainer container) => new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        BaseAddress = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(AppPort)}"),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>stdout and stderr of a container, together.</summary>
    public static async Task<string> LogsAsync(IContainer container, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = await container.GetLogsAsync(ct: cancellationToken);
        return stdout + stderr;
    }

    /// <summary>What <c>docker inspect</c> says about a container's health check, polled until it is healthy or the time is up.</summary>
    public static async Task<string> WaitForHealthAsync(string containerId, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        var status = "none";
        while (DateTime.UtcNow < deadline)
        {
            using var inspect = JsonDocument.Parse(await DockerEngine.InspectAsync(containerId, cancellationToken));
            var state = inspect.RootElement[0].GetProperty("State");
            status = state.TryGetProperty("Health", out var health) ? health.GetProperty("Status").GetString() ?? "none" : "none";
            if (status is "healthy" or "unhealthy" or "none")
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return status;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200 (compose services publish fixed ports, no wait strategy).</summary>
    public static async Task WaitUntilOkAsync(HttpClient http, string url, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        throw new TimeoutException($"{http.BaseAddress}{url.TrimStart('/')} did not answer 200 within {within.TotalSeconds:0} s (last: {last}).");
    }

    /// <summary>A loopback port nothing listens on right now, for compose files that publish fixed ports.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A distinctive team key that no log or inspect output can contain by accident.</summary>
    public static string DistinctiveKey() => "pk_us_CONTAINERTEST_" + Guid.NewGuid().ToString("N");
}

/// <summary>
/// A key in a file, as an operator writes one for a Docker secret: mode 0644, since a file secret is bind-mounted
/// with the host's owner and mode and the container's user (1654) must read it (or 0600, which it cannot).
/// Removed on dispose.
/// </summary>
internal sealed class SecretFile : IDisposable
{
    private readonly string _directory;

    public SecretFile(string name, string value, bool readableByTheContainer = true)
        : this(name, System.Text.Encoding.UTF8.GetBytes(value + "\n"), readableByTheContainer)
    {
    }

    /// <summary>A file of bytes (a PFX).</summary>
    public SecretFile(string name, byte[] content, bool readableByTheContainer = true)
    {
        _directory = Directory.CreateTempSubdirectory("dashboard-e2e-secret-").FullName;
        Path = System.IO.Path.Combine(_directory, name);
        File.WriteAllBytes(Path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(Path, readableByTheContainer
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>A self-signed RSA certificate made for one test run, as a password-protected PFX (no key is committed).</summary>
internal static class TestCertificate
{
    public static byte[] Pfx(string password)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=dashboard-e2e-keyring", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, password);
    }
}
