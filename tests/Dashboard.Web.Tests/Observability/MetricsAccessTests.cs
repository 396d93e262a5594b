using System.Net;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// Who may read <c>/metrics</c>: nobody with a live key unless <c>Metrics:Enabled</c>, then only
/// <c>Metrics:AllowedNetworks</c> (the client address after the forwarded-headers rules); everyone else gets 404.
/// </summary>
public sealed class MetricsAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_LiveModeByDefault_IsNotServed()
    {
        await using var factory = Live();

        var (status, _, body) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Loopback, Ct);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Empty(body.Families);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.0.2.10")]
    [InlineData("::ffff:10.9.9.9")]
    public async Task Metrics_EnabledFromAnAllowedAddress_ServesPrometheusText(string client)
    {
        await using var factory = Live(Enabled);

        var (status, _, body) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse(client), Ct);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("gauge", body.Families["dashboard_team_users"]);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("127.0.0.1")]
    [InlineData("192.0.2.11")]
    [InlineData(null)]
    public async Task Metrics_EnabledFromAnyOtherAddress_AnswersNotFoundWithoutFigures(string? client)
    {
        await using var factory = Live(Enabled);

        var (status, _, body) = await PrometheusText.ScrapeAsync(factory.Server, client is null ? null : IPAddress.Parse(client), Ct);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.DoesNotContain("dashboard_", body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ThroughATrustedProxy_AreJudgedByTheOriginalClient()
    {
        // The proxy itself is in an allowed range; the person behind it is not.
        await using var factory = Live(new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16", ["Metrics:Enabled"] = "true", ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8" });

        var (outside, _, _) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse("10.20.0.5"), Ct, c => c.Request.Headers["X-Forwarded-For"] = "198.51.100.23");
        var (inside, _, _) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse("10.20.0.5"), Ct, c => c.Request.Headers["X-Forwarded-For"] = "10.3.0.7");

        Assert.Equal(StatusCodes.Status404NotFound, outside);
        Assert.Equal(StatusCodes.Status200OK, inside);
    }

    [Fact]
    public async Task Metrics_ForwardedForFromAnUntrustedPeer_IsIgnored()
    {
        await using var factory = Live(Enabled);

        var (status, _, _) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse("203.0.113.9"), Ct, c => c.Request.Headers["X-Forwarded-For"] = "10.1.2.3");

        Assert.Equal(StatusCodes.Status404NotFound, status);
    }

    [Fact]
    public async Task Metrics_WithSignInRequired_NeedNoSignIn()
    {
        await using var factory = Live(new(Enabled)
        {
            ["Auth:Mode"] = "TrustedProxy",
            ["Auth:AllowAnonymous"] = "false",
            ["Auth:TrustedProxy:KnownProxies:0"] = "10.99.0.1",
        });

        var (status, _, _) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse("10.1.2.3"), Ct);

        Assert.Equal(StatusCodes.Status200OK, status);
    }

    [Fact]
    public async Task Metrics_DemoModeWithAllowedNetworks_AreServedToThoseOnly()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8" });

        var (inside, _, _) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse("10.1.2.3"), Ct);
        var (outside, _, _) = await PrometheusText.ScrapeAsync(factory.Server, IPAddress.Parse("203.0.113.9"), Ct);

        Assert.Equal(StatusCodes.Status200OK, inside);
        Assert.Equal(StatusCodes.Status404NotFound, outside);
    }

    [Fact]
    public async Task Metrics_DemoModeSwitchedOff_AreNotServed()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });

        var (status, _, _) = await PrometheusText.ScrapeAsync(factory.Server, null, Ct);

        Assert.Equal(StatusCodes.Status404NotFound, status);
    }

    [Fact]
    public async Task Start_EnabledWithALiveKeyAndNoAllowedNetworks_FailsNamingTheKey()
    {
        await using var factory = Live(new() { ["Metrics:Enabled"] = "true" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Metrics:AllowedNetworks", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AllowedNetworksEntryThatIsNoNetwork_FailsNamingTheKeyNotTheValue()
    {
        await using var factory = Live(new() { ["Metrics:Enabled"] = "true", ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8", ["Metrics:AllowedNetworks:1"] = "prometheus.internal" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Metrics:AllowedNetworks:1", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("prometheus.internal", validation.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Enabled => new()
    {
        ["Metrics:Enabled"] = "true",
        ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
        ["Metrics:AllowedNetworks:1"] = "192.0.2.10",
    };

    private static DashboardFactory Live(Dictionary<string, string?>? extra = null) =>
        new(LiveDashboard.Settings(extra), new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page())));
}
