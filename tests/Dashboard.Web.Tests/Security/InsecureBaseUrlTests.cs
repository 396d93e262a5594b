using Dashboard.Web.Tests.Support;
using Serilog.Events;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class InsecureBaseUrlTests
{
    [Fact]
    public async Task Start_LiveKeyOverPlainHttpToANamedHost_RefusesNamingTheOptIn()
    {
        await using var factory = new DashboardFactory(Anonymous(("Vital:BaseUrl", "http://simulator:8080")));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Vital:AllowInsecureBaseUrl=true", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PlainHttpWithTheOptIn_StartsAndWarnsNamingTheHost()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(
            Anonymous(("Vital:BaseUrl", "http://simulator:8080"), ("Vital:AllowInsecureBaseUrl", "true")), Upstream(out _), sink);
        using var client = Client(factory);

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning
            && e.RenderMessage().Contains("Vital:AllowInsecureBaseUrl=true", StringComparison.Ordinal)
            && e.RenderMessage().Contains("simulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_HttpsUpstream_DoesNotWarnAboutPlainHttp()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(), Upstream(out _), sink);
        using var client = Client(factory);

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.DoesNotContain(sink.Events, e => e.RenderMessage().Contains("AllowInsecureBaseUrl", StringComparison.Ordinal));
    }
}
