using System.Net;
using Serilog.Events;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class TrustedProxyTests
{
    private const string Proxy = "10.0.0.5";
    private const string Stranger = "203.0.113.9";
    private const string Email = "X-Forwarded-Email";

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/" },
        { "GET", "/api/users/7aec8422-8174-4464-a4b2-b04c5939be0d/diagnosis" },
        { "GET", "/api/users/7aec8422-8174-4464-a4b2-b04c5939be0d/diagnosis.md" },
        { "GET", "/api/users.csv" },
        { "GET", "/users/7aec8422-8174-4464-a4b2-b04c5939be0d" },
        { "GET", "/no-such-page" },
        { "POST", "/_blazor/negotiate?negotiateVersion=1" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Request_WithoutTheHeader_Is401AndNeverReachesTheUpstream(string method, string url)
    {
        var upstream = Upstream(out _);
        await using var factory = Factory(TrustedProxy(), upstream);
        using var client = Client(factory);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Headers = { { TestPeerStartupFilter.Header, Proxy } } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, upstream.Calls);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Request_HeaderFromAnUnknownAddress_Is403AndLoggedAsAWarning(string method, string url)
    {
        var upstream = Upstream(out _);
        var sink = new InMemorySink();
        await using var factory = Factory(TrustedProxy(), upstream, sink);
        using var client = Client(factory);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add(TestPeerStartupFilter.Header, Stranger);
        request.Headers.Add(Email, "mallory@example.com");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, upstream.Calls);
        var warning = Assert.Single(sink.Events, e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("not in Auth:TrustedProxy:KnownProxies", StringComparison.Ordinal));
        Assert.Contains(Stranger, warning.RenderMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(sink.Events, e => e.Properties.TryGetValue("Actor", out var actor) && actor.ToString().Contains("mallory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_HeaderWhenThePeerIsUnknown_Is403()
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/", peer: null, (Email, "mallory@example.com")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(Proxy)]
    [InlineData("192.168.10.77")]
    [InlineData("::ffff:10.0.0.5")]
    public async Task Request_HeaderFromAKnownProxy_SeesTheDashboardAsThatUser(string peer)
    {
        var upstream = Upstream(out var user);
        var sink = new InMemorySink();
        await using var factory = Factory(TrustedProxy(), upstream, sink);
        using var client = Client(factory);

        using var page = await client.SendAsync(Get("/", peer, (Email, "alice@example.com")), TestContext.Current.CancellationToken);
        using var api = await client.SendAsync(Get($"/api/users/{user}/diagnosis", peer, (Email, "alice@example.com")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("alice@example.com", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        // The page view and the API call each leave a record, both naming the person the proxy signed in.
        var audit = sink.From("Dashboard.Audit").ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal("alice@example.com", ((ScalarValue)e.Properties["Actor"]).Value));
        Assert.Contains(audit, e => ((ScalarValue)e.Properties["SubjectUserId"]).Value as string == user);
    }

    [Fact]
    public async Task Request_ForwardedForNamesAKnownProxy_TrustIsDecidedOnTheRealPeer()
    {
        // A load balancer whose X-Forwarded-For is believed, but which is not the sign-in proxy: a client behind it
        // claims to be the sign-in proxy. ForwardedHeaders rewrites the client address; the trust decision must not follow.
        var settings = TrustedProxy(("ForwardedHeaders:KnownNetworks:0", "172.16.0.0/12"));
        var upstream = Upstream(out _);
        await using var factory = Factory(settings, upstream);
        using var client = Client(factory);

        using var response = await client.SendAsync(
            Get("/api/users.csv", "172.16.0.2", (Email, "mallory@example.com"), ("X-Forwarded-For", Proxy)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, upstream.Calls);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthProbe_FromAnyoneWithoutSignIn_Answers200(string url)
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get(url, Stranger), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("alice@example.com\u0000")]
    [InlineData("")]
    public async Task Request_MalformedUserFromAKnownProxy_IsRefused(string value)
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/api/users.csv", Proxy, (Email, value)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_TwoUserHeaders_IsRefused()
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = Client(factory);
        using var request = Get("/api/users.csv", Proxy);
        request.Headers.TryAddWithoutValidation(Email, ["alice@example.com", "bob@example.com"]);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <remarks>Framework assets (<c>_framework/blazor.web.js</c>) and the scoped CSS bundle resolve only when published or in Development, so the app's own files stand in for them.</remarks>
    [Theory]
    [InlineData("/favicon.svg")]
    [InlineData("/app.css")]
    [InlineData("/theme.css")]
    public async Task StaticAsset_WithoutSignIn_IsServed(string url)
    {
        await using var factory = Factory(TrustedProxy(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get(url, Stranger), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithTheProxySignOutUrl_GoesThereAfterTheAntiforgeryCheck()
    {
        await using var factory = Factory(TrustedProxy(("Auth:TrustedProxy:SignOutUrl", "/oauth2/sign_out")), Upstream(out _));
        using var client = Client(factory);
        using var home = await client.SendAsync(Get("/", Proxy, (Email, "alice@example.com")), TestContext.Current.CancellationToken);
        var html = await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/signout") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(TestPeerStartupFilter.Header, Proxy);
            request.Headers.Add(Email, "alice@example.com");
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        using var forged = await PostAsync([]);
        using var signOut = await PostAsync(new() { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });

        Assert.Contains("data-testid=\"sign-out\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/oauth2/sign_out", signOut.Headers.Location!.OriginalString);
    }
}
