using System.Net;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;
using Serilog.Events;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class AnonymousModeTests
{
    [Fact]
    public async Task Start_LiveKeyWithoutSignInOrOptIn_RefusesNamingTheSettings()
    {
        await using var factory = new DashboardFactory(Live(("Auth:Mode", "None")));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(error));
        Assert.Contains("Auth:AllowAnonymous=true", validation.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Mode", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LiveKeyAndNoAuthSettingsAtAll_Refuses()
    {
        await using var factory = new DashboardFactory(Live());

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Auth:AllowAnonymous", Unwrap(error).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TrustedProxy", "Auth:TrustedProxy:KnownProxies")]
    [InlineData("OpenIdConnect", "Auth:OpenIdConnect:Authority")]
    public async Task Start_SignInModeIncomplete_RefusesNamingTheMissingKey(string mode, string key)
    {
        await using var factory = new DashboardFactory(Live(("Auth:Mode", mode)));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(key, Unwrap(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ForwardedHeadersWithAMalformedNetwork_Refuses()
    {
        await using var factory = new DashboardFactory(Anonymous(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ForwardedHeaders:KnownNetworks", Unwrap(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LiveKeyWithExplicitOptIn_WarnsInTheLogAndShowsTheNotice()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(), Upstream(out _), sink);
        using var client = Client(factory);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("Sign-in is OFF", StringComparison.Ordinal));
        Assert.Contains("Sign-in is off", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_SimulatorWithoutSignIn_IsServedAndAuditedAsAnonymous()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(new Dictionary<string, string?>(), sink: sink);
        using var client = Client(factory);

        using var response = await client.GetAsync("/api/users.csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = Assert.Single(sink.From("Dashboard.Audit"));
        Assert.Equal("\"anonymous\"", audit.Properties["Actor"].ToString());
        Assert.DoesNotContain(sink.Events, e => e.Level >= LogEventLevel.Warning && e.RenderMessage().Contains("Sign-in is OFF", StringComparison.Ordinal));
    }

    private static Exception Unwrap(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException)
            {
                return e;
            }
        }

        return error is AggregateException { InnerException: { } inner } ? inner : error;
    }
}
