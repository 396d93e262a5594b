using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>
/// The dashboard image run the way `docker run -p 8080:8080 vital-pull-dashboard` runs it: no key, no settings, so
/// the simulated team (demo mode), as the image's own user, with the key ring and the audit trail in their volume
/// paths.
/// </summary>
public sealed partial class DemoContainerTests(DemoContainerTests.Demo demo) : IClassFixture<DemoContainerTests.Demo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Container_RunsAsTheImagesNonRootUser()
    {
        var (container, _, _) = await demo.StartAsync();

        var id = await container.ExecAsync(["id", "-u"], Ct);
        var name = await container.ExecAsync(["id", "-un"], Ct);

        Assert.Equal("1654", id.Stdout.Trim());
        Assert.Equal("app", name.Stdout.Trim());
    }

    [Fact]
    public async Task Healthz_AnswersWithin30Seconds()
    {
        var (_, http, healthyAfter) = await demo.StartAsync();

        using var response = await http.GetAsync("/healthz", Ct);

        Assert.True(healthyAfter < TimeSpan.FromSeconds(30), $"/healthz answered after {healthyAfter.TotalSeconds:0.0} s");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"container start to /healthz 200: {healthyAfter.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task HealthCheck_OfTheImage_ReportsHealthyWithWhatTheRuntimeImageHas()
    {
        var (container, _, _) = await demo.StartAsync();

        // The image's HEALTHCHECK (bash and /dev/tcp, no curl) runs every 10 s: healthy after the first probe.
        var status = await ContainerParts.WaitForHealthAsync(container.Id, TimeSpan.FromSeconds(40), Ct);

        Assert.Equal("healthy", status);
    }

    [Fact]
    public async Task Readyz_InDemoMode_IsHealthy()
    {
        var (_, http, _) = await demo.StartAsync();

        using var response = await http.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Page_InDemoMode_RendersWithTheBlazorScript()
    {
        var (_, http, _) = await demo.StartAsync();

        using var page = await http.GetAsync("/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var fingerprinted = BlazorScript().Match(html);
        using var script = await http.GetAsync("/_framework/blazor.web.js", Ct);
        using var referenced = await http.GetAsync("/" + fingerprinted.Groups["src"].Value, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Demo data", html, StringComparison.Ordinal);
        Assert.True(fingerprinted.Success, "The page has no <script src=\"_framework/blazor.web….js\">.");
        // A restore apart from the sources would publish without it: 404, and the page would never become interactive.
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, referenced.StatusCode);
    }

    [Fact]
    public async Task DataProtectionKeys_AreWrittenToAppKeys()
    {
        var (container, http, _) = await demo.StartAsync();
        using var page = await http.GetAsync("/", Ct);

        var keys = await container.ExecAsync(["bash", "-c", "ls /app/keys"], Ct);
        var logs = await ContainerParts.LogsAsync(container, Ct);

        Assert.Matches(@"^key-[0-9a-f-]{36}\.xml$", keys.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).First());
        Assert.Contains("Data Protection keys (sign-in cookies, antiforgery) are kept in \\\"/app/keys\\\"", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_IsWrittenToAppAudit()
    {
        var (container, http, _) = await demo.StartAsync();
        using var page = await http.GetAsync("/", Ct);

        var audit = await container.ExecAsync(["bash", "-c", "cat /app/audit/audit-*.log"], Ct);

        Assert.Equal(0, audit.ExitCode);
        Assert.Contains("\"AuditAction\":\"TeamGrid\"", audit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicationFiles_BelongToRootAndCannotBeChangedByTheApp()
    {
        var (container, _, _) = await demo.StartAsync();

        var write = await container.ExecAsync(["bash", "-c", "touch /app/Dashboard.Web.dll"], Ct);
        var owner = await container.ExecAsync(["stat", "-c", "%U %a", "/app/Dashboard.Web.dll", "/app/keys", "/app/audit"], Ct);

        Assert.NotEqual(0, write.ExitCode);
        Assert.Equal(["root 644", "app 700", "app 700"], owner.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task KeysPathThatCannotBeWritten_IsAWarningAndTheDashboardStillServes()
    {
        var image = await demo.ImageAsync();
        await using var container = ContainerParts.FromImage(image, $"dashboard-e2e-readonlykeys-{demo.RunId}", TimeSpan.FromSeconds(30))
            .WithEnvironment("DataProtection__KeysPath", "/app/wwwroot/keys")
            .Build();
        await container.StartAsync(Ct);
        using var http = ContainerParts.ClientFor(container);

        using var page = await http.GetAsync("/", Ct);
        var logs = await ContainerParts.LogsAsync(container, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("DataProtection:KeysPath \\\"/app/wwwroot/keys\\\" cannot be written", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_PassesWhenAllowedHostsTurnsOtherHostNamesAway()
    {
        var image = await demo.ImageAsync();
        // The probe sends no Host header (HTTP/1.0), which host filtering lets through; a request naming another host is refused.
        await using var container = new ContainerBuilder(image.Name)
            .WithName($"dashboard-e2e-allowedhosts-{demo.RunId}")
            .WithImagePullPolicy(PullPolicy.Never)
            .WithPortBinding(ContainerParts.AppPort, assignRandomHostPort: true)
            .WithEnvironment("AllowedHosts", "dashboard.example.com")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy(failingStreak: 3, wait => wait.WithTimeout(TimeSpan.FromSeconds(60))))
            .Build();
        await container.StartAsync(Ct);
        using var http = ContainerParts.ClientFor(container);

        using var otherHost = await http.GetAsync("/healthz", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { Host = "dashboard.example.com" } };
        using var allowedHost = await http.SendAsync(request, Ct);

        Assert.Equal("healthy", await ContainerParts.WaitForHealthAsync(container.Id, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, otherHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowedHost.StatusCode);
    }

    /// <summary>One demo container for the class, started by the first test that needs it.</summary>
    public sealed class Demo : IAsyncDisposable
    {
        private readonly ContainerImages _images;
        private readonly Lazy<Task<(IContainer, HttpClient, TimeSpan)>> _started;
        private IContainer? _container;
        private HttpClient? _http;

        public Demo(ContainerImages images)
        {
            _images = images;
            _started = new(StartOnceAsync);
        }

        public string RunId => _images.RunId;

        public Task<BuiltImage> ImageAsync() => _images.DashboardAsync();

        public async Task<(IContainer Container, HttpClient Http, TimeSpan HealthyAfter)> StartAsync()
        {
            await DockerEngine.RequireAsync();
            return await _started.Value;
        }

        private async Task<(IContainer, HttpClient, TimeSpan)> StartOnceAsync()
        {
            var image = await _images.DashboardAsync();
            _container = ContainerParts.FromImage(image, $"dashboard-e2e-demo-{_images.RunId}", healthyWithin: TimeSpan.FromSeconds(30)).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var watch = Stopwatch.StartNew();
            await _container.StartAsync(timeout.Token);
            var healthyAfter = watch.Elapsed;
            _http = ContainerParts.ClientFor(_container);
            return (_container, _http, healthyAfter);
        }

        public async ValueTask DisposeAsync()
        {
            _http?.Dispose();
            if (_container is not null)
            {
                await _container.DisposeAsync();
            }
        }
    }

    [GeneratedRegex(@"<script src=""(?<src>_framework/blazor\.web\.[^""]*js)""")]
    private static partial Regex BlazorScript();
}
