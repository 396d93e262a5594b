using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The whole authorization-code flow with PKCE against <see cref="FakeIdentityProvider"/>: challenge, the browser's
/// form_post back to <c>/signin-oidc</c>, code redemption over the back channel, the cookie, and what the
/// signed-in person may then see.
/// </summary>
public sealed partial class OpenIdConnectFlowTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) =>
        Live([
            ("Auth:Mode", "OpenIdConnect"),
            ("Auth:OpenIdConnect:Authority", FakeIdentityProvider.Issuer),
            ("Auth:OpenIdConnect:ClientId", FakeIdentityProvider.ClientId),
            ("Auth:OpenIdConnect:ClientSecret", FakeIdentityProvider.ClientSecret),
            ("Auth:OpenIdConnect:AllowedEmailDomains:0", "example.com"),
            ("Auth:OpenIdConnect:AllowedGroups:0", "support-tools"),
            ("Auth:AccessContact", "#support-tools-access"),
            .. extra,
        ]);

    private sealed class Session : IAsyncDisposable
    {
        public Session(
            FakeIdentityProvider idp, InMemorySink sink, HttpMessageHandler upstream, Dictionary<string, string?>? settings = null, TimeProvider? time = null,
            Action<IServiceCollection>? services = null)
        {
            Idp = idp;
            Factory = SecurityTestKit.Factory(settings ?? Settings(), upstream, sink, s =>
            {
                s.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = idp);
                if (time is not null)
                {
                    s.AddSingleton(time);
                }

                services?.Invoke(s);
            });
            Client = SecurityTestKit.Client(Factory);
            // A browser: pages answer it with pages (the access-denied explanation), not bare status codes.
            Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        }

        public FakeIdentityProvider Idp { get; }

        public DashboardFactory Factory { get; }

        public HttpClient Client { get; }

        public List<string> Seen { get; } = [];

        public async Task<HttpResponseMessage> GetAsync(string url)
        {
            var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
            await RememberAsync(response);
            return response;
        }

        /// <summary>Follows a challenge through the provider as <paramref name="user"/>; returns the callback's answer.</summary>
        public async Task<HttpResponseMessage> SignInAsync(HttpResponseMessage challenge, FakeIdentityProvider.User user)
        {
            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
            var (code, state, redirectUri) = Idp.Authorize(challenge.Headers.Location!, user);
            var callback = await Client.PostAsync(new Uri(redirectUri).PathAndQuery,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = state }), TestContext.Current.CancellationToken);
            await RememberAsync(callback);
            return callback;
        }

        private async Task RememberAsync(HttpResponseMessage response)
        {
            Seen.Add(response.Headers.ToString());
            Seen.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
            Idp.Dispose();
        }
    }

    [Fact]
    public async Task CodeFlow_AllowedDomain_SignsInAndShowsTheDashboard()
    {
        var sink = new InMemorySink();
        await using var session = new Session(new FakeIdentityProvider(), sink, Upstream(out var user));

        using var challenge = await session.GetAsync("/");
        var authorize = challenge.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var callback = await session.SignInAsync(challenge, new("alice@example.com"));
        using var home = await session.GetAsync("/");
        using var api = await session.GetAsync($"/api/users/{user}/diagnosis");

        Assert.Equal(FakeIdentityProvider.Issuer + "/authorize", authorize.GetLeftPart(UriPartial.Path));
        Assert.Equal(FakeIdentityProvider.ClientId, query["client_id"]);
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Contains("email", query["scope"].ToString().Split(' '));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Dashboard", StringComparison.Ordinal)
            && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("alice@example.com", string.Join('\n', session.Seen), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains(sink.From("Dashboard.Audit"), e => e.Properties["Actor"].ToString() == "\"alice@example.com\"");
        // The audit line names the person for good: the provider's issuer and subject beside the email.
        Assert.Contains(sink.From("Dashboard.Audit"), e => e.Properties["ActorSubject"].ToString() == "\"user-alice@example.com\""
            && e.Properties["ActorIssuer"].ToString() == $"\"{FakeIdentityProvider.Issuer}\"");

        // The client secret went to the token endpoint and nowhere else.
        Assert.Contains(session.Idp.TokenRequestBodies, b => b.Contains(FakeIdentityProvider.ClientSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeIdentityProvider.ClientSecret, authorize.ToString(), StringComparison.Ordinal);
        Assert.All(session.Seen, s => Assert.DoesNotContain(FakeIdentityProvider.ClientSecret, s, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeIdentityProvider.ClientSecret, sink.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeFlow_EmailOutsideTheAllowedDomains_GetsTheAccessDeniedPage()
    {
        var upstream = Upstream(out var user);
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), upstream);

        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("eve@elsewhere.example"));
        using var home = await session.GetAsync("/");
        using var denied = await session.GetAsync(home.Headers.Location!.OriginalString);
        using var api = await session.GetAsync($"/api/users/{user}/diagnosis");
        using var hub = await session.Client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        var page = await denied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/access-denied", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Access denied", page, StringComparison.Ordinal);
        Assert.Contains("eve@elsewhere.example", page, StringComparison.Ordinal);
        Assert.Contains("#support-tools-access", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hub.StatusCode);
        Assert.Equal(0, upstream.Calls);
    }

    [Fact]
    public async Task CodeFlow_OtherDomainButInAnAllowedGroup_IsAllowed()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("contractor@partner.example", ["staff", "support-tools"]));
        using var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("bob@example.com", new[] { "support-exporters" }, HttpStatusCode.OK)]
    [InlineData("carol@example.com", new string[0], HttpStatusCode.OK)]
    [InlineData("alice@example.com", new[] { "staff" }, HttpStatusCode.Forbidden)]
    public async Task CodeFlow_TeamCsv_NeedsTheExporterRoleByGroupOrEmail(string email, string[] groups, HttpStatusCode expected)
    {
        var settings = Settings(("Auth:Roles:exporter:0", "support-exporters"), ("Auth:Roles:exporter:1", "carol@example.com"));
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _), settings);

        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new(email, groups));
        using var csv = await session.GetAsync("/api/users.csv");

        Assert.Equal(expected, csv.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", csv.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"role\":\"exporter\"", await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Session_InUseAllDay_EndsSessionHoursAfterTheSignIn()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _), time: time);
        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("alice@example.com"));

        // Used every four hours: the sliding 8 hours never run out, the 10 from the sign-in do.
        var seen = new List<HttpStatusCode>();
        foreach (var hours in new[] { 4.1, 4.1, 1.7 })
        {
            time.Advance(TimeSpan.FromHours(hours));
            using var home = await session.GetAsync("/");
            seen.Add(home.StatusCode);
        }

        time.Advance(TimeSpan.FromHours(0.2));
        using var after = await session.GetAsync("/");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], seen);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(FakeIdentityProvider.Issuer + "/authorize", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeFlow_UnverifiedEmailInAnAllowedDomain_IsDenied()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("claims-to-be@example.com", EmailVerified: false));
        using var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/access-denied", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CodeFlow_AllowedDomainButNoEmailVerifiedClaim_IsDenied()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("says-nothing@example.com", EmailVerified: null));
        using var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/access-denied", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CodeFlow_ProviderWithoutEmailVerified_IsAllowedByGroup()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("says-nothing@example.com", ["support-tools"], EmailVerified: null));
        using var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/users/7aec8422-8174-4464-a4b2-b04c5939be0d/diagnosis")]
    [InlineData("/api/users.csv")]
    [InlineData("/users/7aec8422-8174-4464-a4b2-b04c5939be0d")]
    [InlineData("/no-such-page")]
    public async Task Request_NotSignedIn_RedirectsToTheIdentityProvider(string url)
    {
        var upstream = Upstream(out _);
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), upstream);

        using var response = await session.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FakeIdentityProvider.Issuer + "/authorize", response.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal(0, upstream.Calls);
    }

    [Fact]
    public async Task BlazorHub_NotSignedIn_RedirectsToTheIdentityProvider()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var response = await session.Client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(FakeIdentityProvider.Issuer, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/signed-out")]
    public async Task AnonymousRoutes_NotSignedIn_Answer200(string url)
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var response = await session.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/users/7aec8422-8174-4464-a4b2-b04c5939be0d?tz=utc", "/users/7aec8422-8174-4464-a4b2-b04c5939be0d?tz=utc")]
    public async Task SignIn_ReturnUrl_OnlyEverComesBackInsideTheApp(string returnUrl, string expected)
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));

        using var challenge = await session.GetAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var callback = await session.SignInAsync(challenge, new("alice@example.com"));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(expected, callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefusedAndKeepsTheSession()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));
        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("alice@example.com"));

        using var signOut = await session.Client.PostAsync("/signout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        using var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheAppBarForm_EndsTheSessionHereAndAtTheProvider()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));
        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("alice@example.com"));
        using var home = await session.GetAsync("/");
        var token = AntiforgeryField().Match(await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Groups[1].Value;

        using var signOut = await session.Client.PostAsync("/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }), TestContext.Current.CancellationToken);
        using var after = await session.GetAsync("/");

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(FakeIdentityProvider.Issuer + "/logout", signOut.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Contains("post_logout_redirect_uri", signOut.Headers.Location!.Query, StringComparison.Ordinal);
        // The provider is told whose session to end: the id token it issued at sign-in.
        var hint = QueryHelpers.ParseQuery(signOut.Headers.Location!.Query)["id_token_hint"].ToString();
        var payload = hint.Split('.')[1];
        var claims = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        Assert.Contains("\"sub\":\"user-alice@example.com\"", claims, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(FakeIdentityProvider.Issuer + "/authorize", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ForgedState_DoesNotSignInAndSaysSo()
    {
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _));
        using var challenge = await session.GetAsync("/");
        var (code, _, _) = session.Idp.Authorize(challenge.Headers.Location!, new("alice@example.com"));

        using var callback = await session.Client.PostAsync("/signin-oidc",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = "forged" }), TestContext.Current.CancellationToken);
        using var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/access-denied?signin=failed", callback.Headers.Location!.OriginalString);
        Assert.Equal(0, session.Idp.TokenRequests);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith(FakeIdentityProvider.Issuer, home.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
