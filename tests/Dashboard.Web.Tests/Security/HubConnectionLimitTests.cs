using System.Net;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>Nobody can hold the server's memory with open pages: connections per person, in all, and the circuit settings.</summary>
public sealed class HubConnectionLimitTests
{
    private const string Proxy = "10.0.0.5";

    /// <summary>The key of a person the trusted proxy vouched for (its scheme, then the email it sent).</summary>
    private static string ProxyVouched(string email) => $"user:{TrustedProxyAuthenticationHandler.SchemeName} {email}";

    private static HubConnectionLimiter Limiter(int perPerson) =>
        new(new FixedOptionsMonitor<UiOptions>(new UiOptions { HubConnectionsPerPerson = perPerson }));

    [Fact]
    public async Task Hub_PersonWithTheMostConnectionsOpen_Is429AndOthersStillConnect()
    {
        await using var factory = Factory(TrustedProxy(("Ui:HubConnectionsPerPerson", "2")), Upstream(out _));
        using var client = Client(factory);
        var limiter = factory.Services.GetRequiredService<HubConnectionLimiter>();
        Assert.True(limiter.TryEnter(ProxyVouched("alice@example.com")));
        Assert.True(limiter.TryEnter(ProxyVouched("alice@example.com")));

        using var alice = await client.SendAsync(Get("/_blazor?id=abc", Proxy, ("X-Forwarded-Email", "alice@example.com")), TestContext.Current.CancellationToken);
        using var bob = await client.SendAsync(Get("/_blazor?id=abc", Proxy, ("X-Forwarded-Email", "bob@example.com")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, alice.StatusCode);
        Assert.Contains("2 dashboard pages open", await alice.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, bob.StatusCode);
        Assert.Equal(0, limiter.Open(ProxyVouched("bob@example.com")));
    }

    [Fact]
    public async Task Middleware_AConnection_CountsWhileItLastsAndNegotiationNever()
    {
        var limiter = Limiter(1);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("192.0.2.7") } };
        connection.Request.Path = "/_blazor";
        connection.Request.QueryString = new QueryString("?id=abc");
        var negotiate = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("192.0.2.7") } };
        negotiate.Request.Path = "/_blazor/negotiate";
        negotiate.Request.QueryString = new QueryString("?negotiateVersion=1");

        var running = limiter.InvokeAsync(connection, _ => open.Task);
        Assert.Equal(1, limiter.Open("ip:192.0.2.7"));
        var negotiated = false;
        await limiter.InvokeAsync(negotiate, _ =>
        {
            negotiated = true;
            return Task.CompletedTask;
        });
        open.SetResult();
        await running;

        Assert.True(negotiated);
        Assert.Equal(0, limiter.Open("ip:192.0.2.7"));
        Assert.True(limiter.TryEnter("ip:192.0.2.7"));
    }

    [Fact]
    public async Task Start_CircuitHubAndServerLimits_AreSetDeliberately()
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));
        using var client = Client(factory);

        var circuit = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        // The Blazor hub's own options (its hub type is internal).
        var hubType = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var hubOptions = factory.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hubType)));
        var hub = (HubOptions)hubOptions.GetType().GetProperty("Value")!.GetValue(hubOptions)!;
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(50, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(1, hub.MaximumParallelInvocationsPerClient);
        Assert.Equal(32 * 1024, hub.MaximumReceiveMessageSize);
        Assert.Equal(1000, kestrel.Limits.MaxConcurrentUpgradedConnections);
    }

    [Fact]
    public async Task Start_HubConnectionsPerPersonOutOfRange_RefusesNamingTheKey()
    {
        await using var factory = new Support.DashboardFactory(Anonymous(("Ui:HubConnectionsPerPerson", "0")));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Ui:HubConnectionsPerPerson", error.GetBaseException().Message, StringComparison.Ordinal);
    }
}
