using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class HardeningTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/api/users.csv")]
    [InlineData("/api/users/not-a-user/diagnosis")]
    [InlineData("/no-such-page")]
    [InlineData("/access-denied")]
    public async Task Response_Any_CarriesTheSecurityHeaders(string url)
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("no-store", Header(response, "Cache-Control"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_TrustedProxyChallenge_CarriesTheSecurityHeadersToo()
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Csp_OpenIdConnect_LetsSignOutPostOnToTheProviderOnly()
    {
        await using var factory = Factory(Live(
            ("Auth:Mode", "OpenIdConnect"), ("Auth:OpenIdConnect:Authority", "https://login.example.com/tenant/v2.0"), ("Auth:OpenIdConnect:ClientId", "x"),
            ("Auth:OpenIdConnect:AllowedGroups:0", "support-tools")));
        using var client = Client(factory);

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Contains("form-action 'self' https://login.example.com;", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Home_HasNoInlineScript()
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));
        using var client = Client(factory);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // script-src 'self' blocks inline scripts (an import map is one): every script must have a src.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attributes>[^>]*)>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, m => Assert.Contains("src=", m.Groups["attributes"].Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kestrel_Limits_AreSmall()
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));
        _ = factory.Server;

        var limits = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(64 * 1024, limits.Limits.MaxRequestBodySize);
        Assert.Equal(8 * 1024, limits.Limits.MaxRequestLineSize);
        Assert.False(limits.AddServerHeader);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAKnownProxy_SetSchemeHostAndClient()
    {
        var sink = new InMemorySink();
        // Sign-in off answers only concrete host names: the forwarded one among them.
        await using var factory = Factory(
            Anonymous(("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"), ("AllowedHosts", "localhost;dashboard.example")), Upstream(out var user), sink);
        using var client = Client(factory);

        using var response = await client.SendAsync(Get($"/api/users/{user}/diagnosis", "10.1.2.3",
            ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "dashboard.example")), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains($"https://dashboard.example/users/{user}", body, StringComparison.Ordinal);
        var audit = Assert.Single(sink.From("Dashboard.Audit"));
        Assert.Equal("\"198.51.100.7\"", audit.Properties["ClientAddress"].ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.1.0.0/16")]
    public async Task ForwardedHeaders_FromAnUnknownAddress_AreIgnored(string? knownNetwork)
    {
        var settings = knownNetwork is null ? Anonymous() : Anonymous(("ForwardedHeaders:KnownNetworks:0", knownNetwork));
        await using var factory = Factory(settings, Upstream(out var user));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get($"/api/users/{user}/diagnosis", "203.0.113.50",
            ("X-Forwarded-Proto", "http"), ("X-Forwarded-Host", "evil.example")), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/users/{user}", body, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing");
}
