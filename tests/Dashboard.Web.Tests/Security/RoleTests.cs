using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;
using Serilog.Events;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Roles (docs/ARCHITECTURE.md, "Roles"): viewer, exporter and operator from groups or emails under
/// <c>Auth:Roles:&lt;role&gt;</c>, in both sign-in modes; the team CSV needs exporter and the API says so with a
/// problem body; the audit line names the roles.
/// </summary>
public sealed class RoleTests
{
    private const string Proxy = "10.0.0.5";
    private const string Email = "X-Forwarded-Email";
    private const string Groups = "X-Forwarded-Groups";

    private static DashboardRole RolesOf(AuthOptions auth, ClaimsPrincipal user) =>
        new DashboardRoles(new FixedOptionsMonitor<AuthOptions>(auth)).Of(user);

    private static ClaimsPrincipal ProxyUser(string email, params string[] groups) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Email, email), .. groups.Select(g => new Claim(TrustedProxyAuthenticationHandler.GroupsClaim, g))],
            TrustedProxyAuthenticationHandler.SchemeName));

    private static ClaimsPrincipal OidcUser(string email, bool verified, params string[] groups) =>
        new(new ClaimsIdentity(
            [new Claim("email", email), new Claim("email_verified", verified ? "true" : "false"), .. groups.Select(g => new Claim("groups", g))],
            "oidc"));

    private static AuthOptions Auth(AuthMode mode, string[]? viewer = null, string[]? exporter = null, string[]? @operator = null) => new()
    {
        Mode = mode,
        Roles = new RolesSettings { Viewer = [.. viewer ?? []], Exporter = [.. exporter ?? []], Operator = [.. @operator ?? []] },
    };

    [Fact]
    public void Of_SignInOff_ViewerAndExporterNeverOperator()
    {
        var auth = Auth(AuthMode.None, @operator: ["anonymous", "ops"]);

        Assert.Equal(DashboardRole.Viewer | DashboardRole.Exporter, RolesOf(auth, TestAuthenticationStateProvider.Anonymous));
    }

    [Fact]
    public void Of_NobodySignedIn_HoldsNoRole() =>
        Assert.Equal(DashboardRole.None, RolesOf(Auth(AuthMode.None), new ClaimsPrincipal(new ClaimsIdentity())));

    [Fact]
    public void Of_AnonymousIdentityWhileSignInIsOn_HoldsNoRole() =>
        Assert.Equal(DashboardRole.None, RolesOf(Auth(AuthMode.TrustedProxy, exporter: ["anonymous"]), TestAuthenticationStateProvider.Anonymous));

    [Fact]
    public void Of_SignedInWithNoRolesConfigured_ViewerOnly() =>
        Assert.Equal(DashboardRole.Viewer, RolesOf(Auth(AuthMode.TrustedProxy), ProxyUser("alice@example.com", "staff")));

    [Theory]
    [InlineData("support-exporters", true)]
    [InlineData("Support-Exporters", false)]
    [InlineData("support", false)]
    public void Of_ProxyGroups_MatchExactly(string group, bool exporter)
    {
        var roles = RolesOf(Auth(AuthMode.TrustedProxy, exporter: ["support-exporters"]), ProxyUser("alice@example.com", "staff", group));

        Assert.Equal(exporter, roles.HasFlag(DashboardRole.Exporter));
        Assert.True(roles.HasFlag(DashboardRole.Viewer));
    }

    [Theory]
    [InlineData("carol@example.com", true)]
    [InlineData("CAROL@Example.com", true)]
    [InlineData("carol@example.com.evil.example", false)]
    [InlineData("mallory@example.com", false)]
    public void Of_ProxyEmail_MatchesTheWholeAddressCaseAside(string email, bool @operator) =>
        Assert.Equal(@operator, RolesOf(Auth(AuthMode.TrustedProxy, @operator: ["carol@example.com"]), ProxyUser(email)).HasFlag(DashboardRole.Operator));

    [Fact]
    public void Of_OperatorAndExporter_AreViewersToo()
    {
        var auth = Auth(AuthMode.TrustedProxy, viewer: ["readers"], exporter: ["exporters"], @operator: ["ops"]);

        Assert.Equal(DashboardRole.Viewer | DashboardRole.Operator, RolesOf(auth, ProxyUser("o@example.com", "ops")));
        Assert.Equal(DashboardRole.Viewer | DashboardRole.Exporter, RolesOf(auth, ProxyUser("e@example.com", "exporters")));
    }

    [Fact]
    public void Of_ViewersListed_OthersHoldNoRole()
    {
        var auth = Auth(AuthMode.TrustedProxy, viewer: ["readers"]);

        Assert.Equal(DashboardRole.None, RolesOf(auth, ProxyUser("stranger@example.com", "staff")));
        Assert.Equal(DashboardRole.Viewer, RolesOf(auth, ProxyUser("reader@example.com", "readers")));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Of_OpenIdConnectEmail_CountsOnlyWhenVerified(bool verified, bool exporter) =>
        Assert.Equal(exporter, RolesOf(Auth(AuthMode.OpenIdConnect, exporter: ["carol@example.com"]), OidcUser("carol@example.com", verified)).HasFlag(DashboardRole.Exporter));

    [Fact]
    public void Of_OpenIdConnectGroups_ReadFromTheConfiguredClaim()
    {
        var auth = Auth(AuthMode.OpenIdConnect, @operator: ["ops"]);
        auth.OpenIdConnect.GroupsClaim = "roles";
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "ops"), new Claim("groups", "nothing")], "oidc"));

        Assert.True(RolesOf(auth, user).HasFlag(DashboardRole.Operator));
        Assert.False(RolesOf(auth, OidcUser("x@example.com", true, "ops")).HasFlag(DashboardRole.Operator));
    }

    [Theory]
    [InlineData("a, b ,c", new[] { "a", "b", "c" })]
    [InlineData(",,a,,", new[] { "a" })]
    [InlineData("a\u0001b,c", new[] { "c" })]
    public void Groups_HeaderValue_SplitTrimmedAndCleaned(string header, string[] expected) =>
        Assert.Equal(expected, TrustedProxyAuthenticationHandler.Groups(new Microsoft.Extensions.Primitives.StringValues(header)));

    [Fact]
    public void Groups_ManyOrLongNames_AreBounded()
    {
        var many = string.Join(',', Enumerable.Range(0, 1000).Select(i => $"g{i}"));
        var groups = TrustedProxyAuthenticationHandler.Groups(new Microsoft.Extensions.Primitives.StringValues([many, new string('x', 300)])).ToList();

        Assert.Equal(TrustedProxyAuthenticationHandler.MaxGroups, groups.Count);
        Assert.DoesNotContain(groups, g => g.Length > TrustedProxyAuthenticationHandler.MaxGroupLength);
    }

    [Fact]
    public async Task TeamCsv_SignedInWithoutExporter_Is403WithAProblemNamingTheRole()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(TrustedProxy(("Auth:Roles:exporter:0", "support-exporters"), ("Auth:AccessContact", "#support-tools-access")), Upstream(out _), sink);
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/api/users.csv", Proxy, (Email, "alice@example.com"), (Groups, "staff")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(403, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("exporter", problem.RootElement.GetProperty("role").GetString());
        Assert.Contains("exporter role", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("#support-tools-access", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sink.From(AuditLog.Category), e => e.Properties["AuditAction"].ToString() == "TeamCsv");
    }

    [Theory]
    [InlineData("staff", HttpStatusCode.Forbidden)]
    [InlineData("support-exporters", HttpStatusCode.OK)]
    public async Task ChangesCsv_ATeamWideExport_NeedsTheExporterRoleToo(string groups, HttpStatusCode expected)
    {
        await using var factory = Factory(TrustedProxy(("Auth:Roles:exporter:0", "support-exporters")), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/api/changes.csv", Proxy, (Email, "alice@example.com"), (Groups, groups)), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("staff, support-exporters")]
    [InlineData("support-exporters")]
    public async Task TeamCsv_ExporterByTheProxysGroupsHeader_Is200(string groups)
    {
        await using var factory = Factory(TrustedProxy(("Auth:Roles:exporter:0", "support-exporters")), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/api/users.csv", Proxy, (Email, "alice@example.com"), (Groups, groups)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TeamCsv_ExporterByEmail_Is200()
    {
        await using var factory = Factory(TrustedProxy(("Auth:Roles:exporter:0", "alice@example.com")), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/api/users.csv", Proxy, (Email, "Alice@Example.com")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TeamCsv_GroupsInAConfiguredHeader_OnlyThatHeaderCounts()
    {
        var settings = TrustedProxy(("Auth:Roles:exporter:0", "support-exporters"), ("Auth:TrustedProxy:GroupsHeader", "X-Auth-Request-Groups"));
        await using var factory = Factory(settings, Upstream(out _));
        using var client = Client(factory);

        using var configured = await client.SendAsync(
            Get("/api/users.csv", Proxy, (Email, "alice@example.com"), ("X-Auth-Request-Groups", "support-exporters")), TestContext.Current.CancellationToken);
        using var other = await client.SendAsync(
            Get("/api/users.csv", Proxy, (Email, "alice@example.com"), (Groups, "support-exporters")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task TeamCsv_SignInOff_EveryoneExports()
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("/api/users.csv"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_SignedInButNotAListedViewer_Is403WithAProblemAndNeverReachesTheUpstream()
    {
        var upstream = Upstream(out var user);
        await using var factory = Factory(TrustedProxy(("Auth:Roles:viewer:0", "readers")), upstream);
        using var client = Client(factory);

        using var stranger = await client.SendAsync(Get($"/api/users/{user}/diagnosis", Proxy, (Email, "eve@example.com"), (Groups, "staff")), TestContext.Current.CancellationToken);
        var calls = upstream.Calls;
        using var reader = await client.SendAsync(Get($"/api/users/{user}/diagnosis", Proxy, (Email, "rita@example.com"), (Groups, "readers")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        using var problem = JsonDocument.Parse(await stranger.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("viewer", problem.RootElement.GetProperty("role").GetString());
        Assert.Equal(0, calls);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
    }

    [Fact]
    public async Task Page_SignedInButNotAListedViewer_IsRefused()
    {
        await using var factory = Factory(TrustedProxy(("Auth:Roles:viewer:0", "readers")), Upstream(out _));
        using var client = Client(factory);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var stranger = await client.SendAsync(Get("/", Proxy, (Email, "eve@example.com")), TestContext.Current.CancellationToken);
        using var hub = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1")
        {
            Headers = { { TestPeerStartupFilter.Header, Proxy }, { Email, "eve@example.com" } },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hub.StatusCode);
    }

    [Fact]
    public async Task Audit_EachLine_NamesTheActorsRoles()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(TrustedProxy(("Auth:Roles:exporter:0", "support-exporters")), Upstream(out var user), sink);
        using var client = Client(factory);

        using var viewer = await client.SendAsync(Get($"/api/users/{user}/diagnosis", Proxy, (Email, "vera@example.com")), TestContext.Current.CancellationToken);
        using var exporter = await client.SendAsync(Get("/api/users.csv", Proxy, (Email, "eric@example.com"), (Groups, "support-exporters")), TestContext.Current.CancellationToken);

        var lines = sink.From(AuditLog.Category).ToDictionary(e => ((ScalarValue)e.Properties["Actor"]).Value as string ?? "", e => e);
        Assert.Equal("viewer", ((ScalarValue)lines["vera@example.com"].Properties["ActorRoles"]).Value);
        Assert.Equal("viewer,exporter", ((ScalarValue)lines["eric@example.com"].Properties["ActorRoles"]).Value);
        Assert.Contains("as \"viewer,exporter\"", lines["eric@example.com"].RenderMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:Roles:exporter:0", "")]
    [InlineData("Auth:Roles:operator:0", "carol@@example.com")]
    [InlineData("Auth:Roles:viewer:0", "@example.com")]
    public async Task Start_RoleEntryNeitherAGroupNorAnEmail_RefusesNamingTheKey(string key, string value)
    {
        await using var factory = new DashboardFactory(TrustedProxy((key, value)));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains(key[..key.LastIndexOf(':')], validation.Message, StringComparison.Ordinal);
    }
}
