using System.Net;
using System.Text.Json;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Serilog.Events;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Which host names the dashboard answers to: with sign-in off, only concrete ones (DNS rebinding), and a trusted
/// proxy's forwarded host is held to the same list.
/// </summary>
public sealed class HostNameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient ClientFor(DashboardFactory factory, string baseAddress) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.BadRequest)]
    [InlineData("https://dashboard.evil.example:8080", HttpStatusCode.BadRequest)]
    [InlineData("https://localhost", HttpStatusCode.OK)]
    [InlineData("http://127.0.0.1:5000", HttpStatusCode.OK)]
    [InlineData("http://[::1]:5000", HttpStatusCode.OK)]
    public async Task Request_SignInOffAndAllowedHostsWildcard_AnswersLoopbackNamesOnly(string baseAddress, HttpStatusCode expected)
    {
        // appsettings.json says AllowedHosts "*": with sign-in off that must not mean any name.
        var upstream = Upstream(out _);
        await using var factory = Factory(Anonymous(), upstream);
        using var client = ClientFor(factory, baseAddress);

        using var response = await client.GetAsync("/api/users.csv", Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal(0, upstream.Calls);
        }
    }

    [Theory]
    [InlineData("https://dashboard.internal", HttpStatusCode.OK)]
    [InlineData("https://localhost", HttpStatusCode.BadRequest)]
    [InlineData("https://evil.example", HttpStatusCode.BadRequest)]
    public async Task Request_SignInOffWithConcreteAllowedHosts_AnswersThoseNamesOnly(string baseAddress, HttpStatusCode expected)
    {
        await using var factory = Factory(Anonymous(("AllowedHosts", "dashboard.internal")), Upstream(out _));
        using var client = ClientFor(factory, baseAddress);

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Request_SignInOnWithTheWildcard_AnswersAnyName()
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = ClientFor(factory, "https://dashboard.example.com");

        using var response = await client.SendAsync(Get("/healthz", "10.0.0.5"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHost_FromATrustedProxyOutsideAllowedHosts_Is400()
    {
        var upstream = Upstream(out var user);
        await using var factory = Factory(
            Anonymous(("AllowedHosts", "dashboard.example.com"), ("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16")), upstream);
        using var client = ClientFor(factory, "https://dashboard.example.com");

        using var response = await client.SendAsync(
            Get($"/api/users/{user}/diagnosis", "10.1.0.2", ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https")), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Equal(0, upstream.Calls);
    }

    [Fact]
    public async Task ForwardedHost_FromATrustedProxyInAllowedHosts_IsUsedInTheLink()
    {
        await using var factory = Factory(
            Anonymous(("AllowedHosts", "dashboard.example.com;proxy.internal"), ("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16")), Upstream(out var user));
        using var client = ClientFor(factory, "http://proxy.internal");

        using var response = await client.SendAsync(
            Get($"/api/users/{user}/diagnosis", "10.1.0.2", ("X-Forwarded-Host", "dashboard.example.com"), ("X-Forwarded-Proto", "https")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("link").GetString();
        Assert.Equal($"https://dashboard.example.com/users/{user}", link);
    }

    [Fact]
    public async Task Start_SignInOffListeningOnEveryInterface_WarnsInTheLog()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(), Upstream(out _), sink);
        factory.UseKestrel(options => options.Listen(IPAddress.Any, 0));

        factory.StartServer();

        // Written from the host's "started" callback: on a loaded machine it was seen to reach the sink only after
        // StartServer returned (once in a full run), so wait for it a while before judging.
        static bool IsWarning(Serilog.Events.LogEvent e) => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("listens beyond", StringComparison.Ordinal);
        for (var waited = 0; waited < 100 && !sink.Events.Any(IsWarning); waited++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var warning = Assert.Single(sink.Events, IsWarning);
        Assert.Contains("0.0.0.0", warning.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SignInOffListeningOnLoopback_DoesNotWarn()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(), Upstream(out _), sink);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        factory.StartServer();

        Assert.DoesNotContain(sink.Events, e => e.MessageTemplate.Text.Contains("listens beyond", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://127.8.9.10:80/", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://10.0.0.4:8080", false)]
    [InlineData("http://dashboard.internal:8080", false)]
    public void ListenAddress_IsLoopback_OnlyForThisMachine(string address, bool loopback) =>
        Assert.Equal(loopback, ListenAddressReport.IsLoopback(address));
}
