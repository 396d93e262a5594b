using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class AuditTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-audit-").FullName;

    [Fact]
    public async Task Api_EachLookAndExport_WritesOneEventToTheLogAndTheAuditFile()
    {
        var sink = new InMemorySink();
        var settings = TrustedProxy(("Audit:Path", Path.Combine(_directory, "audit-.log")), ("Auth:Roles:exporter:0", "carol@example.com"));
        var upstream = Upstream(out var user);
        await using (var factory = Factory(settings, upstream, sink))
        {
            using var client = Client(factory);
            foreach (var url in new[] { $"/api/users/{user}/diagnosis", $"/api/users/{user}/diagnosis.md", "/api/users.csv?status=failure", "/healthz" })
            {
                using var response = await client.SendAsync(Get(url, "10.0.0.5", ("X-Forwarded-Email", "carol@example.com")), TestContext.Current.CancellationToken);
                response.EnsureSuccessStatusCode();
            }

            Assert.Equal(3, sink.From(AuditLog.Category).Count());
        }

        var file = Assert.Single(Directory.GetFiles(_directory, "audit-*.log"));
        var events = (await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["DiagnosisJson", "DiagnosisMarkdown", "TeamCsv"], events.Select(e => e.GetProperty("AuditAction").GetString()));
        Assert.All(events, e =>
        {
            Assert.Equal("carol@example.com", e.GetProperty("Actor").GetString());
            Assert.Matches("^[0-9a-f]{32}$", e.GetProperty("CorrelationId").GetString());
            Assert.True(e.TryGetProperty("@t", out _));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("@m").GetString()));
        });
        Assert.Equal(user, events[0].GetProperty("SubjectUserId").GetString());
        Assert.Equal("-", events[2].GetProperty("SubjectUserId").GetString());
        Assert.Equal("status=failure", events[2].GetProperty("AuditDetail").GetString());
    }

    [Fact]
    public async Task AuditFile_AcrossARestart_EachLineNamesWhoAndLinksToTheOneBefore()
    {
        var settings = TrustedProxy(("Audit:Path", Path.Combine(_directory, "audit-.log")));
        for (var run = 0; run < 2; run++)
        {
            var upstream = Upstream(out var user);
            await using var factory = Factory(settings, upstream);
            using var client = Client(factory);
            for (var look = 0; look < 2; look++)
            {
                using var response = await client.SendAsync(Get($"/api/users/{user}/diagnosis", "10.0.0.5", ("X-Forwarded-Email", "carol@example.com")), TestContext.Current.CancellationToken);
                response.EnsureSuccessStatusCode();
            }
        }

        var file = Assert.Single(Directory.GetFiles(_directory, "audit-*.log"));
        var lines = (await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken)).Where(l => l.Length > 0).ToList();
        Assert.Equal(4, lines.Count);
        var links = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty(AuditChain.Property).GetString()).ToList();
        Assert.Equal([AuditChain.Genesis, AuditChain.Hash(lines[0]), AuditChain.Hash(lines[1]), AuditChain.Hash(lines[2])], links);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("TrustedProxy", first.GetProperty("ActorIssuer").GetString());
        Assert.Equal("carol@example.com", first.GetProperty("ActorSubject").GetString());
        using var output = new StringWriter();
        Assert.Equal(0, AuditChain.Verify([file], output));
        Assert.StartsWith("OK: 4 lines", output.ToString().Split('\n')[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_RefusedRequest_LeavesNoAuditEvent()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(TrustedProxy(), Upstream(out var user), sink);
        using var client = Client(factory);

        using var spoofed = await client.SendAsync(Get($"/api/users/{user}/diagnosis", "203.0.113.1", ("X-Forwarded-Email", "carol@example.com")), TestContext.Current.CancellationToken);
        using var invalid = await client.SendAsync(Get("/api/users/nobody/diagnosis", "10.0.0.5", ("X-Forwarded-Email", "carol@example.com")), TestContext.Current.CancellationToken);

        Assert.Empty(sink.From(AuditLog.Category));
    }

    [Fact]
    public async Task Readyz_AuditDirectoryNoLongerWritable_IsUnhealthyNamingTheAudit()
    {
        var audit = Path.Combine(_directory, "audit");
        await using var factory = Factory(Anonymous(("Audit:Path", Path.Combine(audit, "audit-.log"))), Upstream(out _));
        using var client = Client(factory);
        using var before = await client.SendAsync(Get("/readyz"), TestContext.Current.CancellationToken);

        // The volume goes away under the running dashboard.
        Directory.Delete(audit, recursive: true);
        using var after = await client.SendAsync(Get("/readyz"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        using var body = JsonDocument.Parse(await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var check = body.RootElement.GetProperty("checks").GetProperty("audit");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("Audit:Path", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, "true", AuditOptions.ContainerDefaultPath)]
    [InlineData("", "true", null)]
    [InlineData("/var/log/dashboard/audit-.log", null, "/var/log/dashboard/audit-.log")]
    public void AuditPath_DefaultsOnInContainersOnly(string? configured, string? inContainer, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audit:Path"] = configured,
            ["DOTNET_RUNNING_IN_CONTAINER"] = inContainer,
        }.Where(p => p.Value is not null)).Build();

        Assert.Equal(expected, AuditOptions.EffectivePath(configuration));
    }

    [Fact]
    public async Task PageAudit_PrerenderThenCircuit_RecordsOneLookWithTheActor()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(), Upstream(out var user), sink);
        _ = factory.Server;
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, "dana@example.com")], "test"));
        Task<string> Look(HttpContext? request) => LookAsync(factory, principal, request, user);

        // The page request prerenders; then the circuit's hub connection renders the same page again.
        var prerender = await Look(new DefaultHttpContext { TraceIdentifier = "request-1", Request = { Path = "/users/" + user } });
        var circuit = await Look(new DefaultHttpContext { TraceIdentifier = "hub-1", Request = { Path = "/_blazor" } });
        await Look(null);

        var recorded = Assert.Single(sink.From(AuditLog.Category));
        Assert.Equal("\"dana@example.com\"", recorded.Properties["Actor"].ToString());
        Assert.Equal($"\"{user}\"", recorded.Properties["SubjectUserId"].ToString());
        Assert.Equal("UserPage", recorded.Properties["AuditAction"].ToString());
        Assert.Equal("\"request-1\"", recorded.Properties["CorrelationId"].ToString());
        Assert.Equal("request-1", prerender);
        Assert.StartsWith("circuit-", circuit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAudit_SignInOff_TwoPeopleAtTwoAddressesAreTwoLooks_OnePersonsPrerenderAndCircuitOne()
    {
        // With sign-in off everyone is "anonymous": the address tells one person's look from another's.
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(), Upstream(out var user), sink);
        _ = factory.Server;
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AnonymousAuthenticationHandler.UserName)], DashboardAccess.AnonymousAuthenticationType));
        HttpContext From(string address, string path) =>
            new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) }, Request = { Path = path } };

        await LookAsync(factory, anonymous, From("10.0.0.1", "/users/" + user), user);
        await LookAsync(factory, anonymous, From("10.0.0.1", "/_blazor"), user);
        await LookAsync(factory, anonymous, From("10.0.0.2", "/users/" + user), user);

        Assert.Equal(["\"10.0.0.1\"", "\"10.0.0.2\""], sink.From(AuditLog.Category).Select(e => e.Properties["ClientAddress"].ToString()));
    }

    /// <summary>One look at <paramref name="user"/>'s page by <paramref name="principal"/>, in the scope of <paramref name="request"/>; its correlation id.</summary>
    private static async Task<string> LookAsync(DashboardFactory factory, ClaimsPrincipal principal, HttpContext? request, string user)
    {
        var accessor = factory.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = request;
        try
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var state = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
            state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
            var audit = scope.ServiceProvider.GetRequiredService<IPageAudit>();
            await audit.RecordAsync(AuditAction.UserPage, user);
            return audit.CorrelationId;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    [Fact]
    public void Deduplicator_SameLookAfterTheWindow_IsRecordedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var deduplicator = new PageAuditDeduplicator(time);

        var first = deduplicator.IsRepeat("a@example.com", AuditAction.UserPage, "u", null);
        var soon = deduplicator.IsRepeat("a@example.com", AuditAction.UserPage, "u", null);
        var otherPerson = deduplicator.IsRepeat("b@example.com", AuditAction.UserPage, "u", null);
        var otherPage = deduplicator.IsRepeat("a@example.com", AuditAction.ProviderPage, "u", null);
        time.Advance(PageAuditDeduplicator.Window);
        var later = deduplicator.IsRepeat("a@example.com", AuditAction.UserPage, "u", null);

        Assert.Equal([false, true, false, false, false], new[] { first, soon, otherPerson, otherPage, later });
    }

    [Fact]
    public void Record_FromAnHttpContext_NamesTheAnonymousActorAndAddress()
    {
        var sink = new InMemorySink();
        using var loggerFactory = new Serilog.Extensions.Logging.SerilogLoggerFactory(new Serilog.LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true);
        var audit = new AuditLog(loggerFactory, new DashboardRoles(new FixedOptionsMonitor<AuthOptions>(new AuthOptions())));
        var context = new DefaultHttpContext { Connection = { RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.4") } };

        audit.Record(AuditAction.TeamCsv, null, context, "q=abc");

        var recorded = Assert.Single(sink.Events);
        Assert.Equal("\"anonymous\"", recorded.Properties["Actor"].ToString());
        Assert.Equal("\"192.0.2.4\"", recorded.Properties["ClientAddress"].ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
