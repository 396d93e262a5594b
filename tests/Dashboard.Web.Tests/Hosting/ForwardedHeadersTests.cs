using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>The diagnosis link behind a reverse proxy: forwarded scheme and host from trusted proxies only.</summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.ProxiedDashboard dashboard) : IClassFixture<ForwardedHeadersTests.ProxiedDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Demo mode with one trusted range and one trusted address (nothing else is trusted, loopback included). Sign-in is
    /// off, so the host names are concrete: the proxy's public name among them.
    /// </summary>
    public sealed class ProxiedDashboard() : DemoDashboard(new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16",
        ["ForwardedHeaders:KnownNetworks:1"] = "192.0.2.10",
        ["AllowedHosts"] = "localhost;dashboard.example",
    });

    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("192.0.2.10")]
    public async Task DiagnosisLink_FromATrustedProxy_UsesTheForwardedSchemeAndHost(string proxy)
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        var (status, body) = await SendAsync($"/api/users/{userId}/diagnosis", proxy, forwarded: true);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal($"https://dashboard.example/users/{userId}", JsonDocument.Parse(body).RootElement.GetProperty("link").GetString());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("203.0.113.9")]
    [InlineData("10.21.0.1")]
    [InlineData("192.0.2.11")]
    public async Task DiagnosisLink_FromAnUntrustedAddress_IgnoresForwardedHeaders(string proxy)
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        var (status, body) = await SendAsync($"/api/users/{userId}/diagnosis", proxy, forwarded: true);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal($"http://localhost/users/{userId}", JsonDocument.Parse(body).RootElement.GetProperty("link").GetString());
    }

    [Fact]
    public async Task DiagnosisLink_TrustedProxyWithoutForwardedHeaders_UsesTheRequestsOwnSchemeAndHost()
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        var (_, body) = await SendAsync($"/api/users/{userId}/diagnosis", "10.20.0.1", forwarded: false);

        Assert.Equal($"http://localhost/users/{userId}", JsonDocument.Parse(body).RootElement.GetProperty("link").GetString());
    }

    [Fact]
    public async Task DiagnosisLink_TestServerClientWithForwardedHeaders_IsTreatedAsLoopback()
    {
        // The TestServer client has no remote address (as servers without one natively): the middleware then trusts it,
        // like loopback. Real Kestrel connections always carry an address, which is checked.
        var userId = dashboard.UserOf(ScenarioNames.Healthy);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{userId}/diagnosis");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "dashboard.example");

        using var response = await dashboard.Client.SendAsync(request, Ct);

        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal($"https://dashboard.example/users/{userId}", root.GetProperty("link").GetString());
    }

    [Fact]
    public async Task MarkdownLink_FromATrustedProxy_UsesTheForwardedSchemeAndHost()
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        var (status, markdown) = await SendAsync($"/api/users/{userId}/diagnosis.md", "10.20.0.7", forwarded: true);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Contains($"(https://dashboard.example/users/{userId})", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KnownNetworksEntryThatIsNoNetwork_FailsNamingTheKey()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "proxy.internal" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("ForwardedHeaders:KnownNetworks", validation.Message, StringComparison.Ordinal);
    }

    private async Task<(int Status, string Body)> SendAsync(string path, string remoteAddress, bool forwarded)
    {
        var context = await dashboard.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            if (forwarded)
            {
                c.Request.Headers["X-Forwarded-For"] = "198.51.100.23";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Request.Headers["X-Forwarded-Host"] = "dashboard.example";
            }
        }, Ct);

        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync(Ct));
    }
}
