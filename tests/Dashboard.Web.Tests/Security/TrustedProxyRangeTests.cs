using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>The sign-in proxy is trusted on its address: that address must be narrow, and nothing may trust every sender.</summary>
public sealed class TrustedProxyRangeTests
{
    private static Dictionary<string, string?> Proxy(string range, params (string Key, string? Value)[] extra) =>
        Live([("Auth:Mode", "TrustedProxy"), ("Auth:TrustedProxy:KnownProxies:0", range), .. extra]);

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("172.16.0.0/12")]
    [InlineData("0.0.0.0/0")]
    [InlineData("2001:db8::/32")]
    [InlineData("::/0")]
    [InlineData("::ffff:10.0.0.0/104")]
    public async Task Start_KnownProxiesWiderThanTheLimit_RefusesNamingTheSetting(string range)
    {
        await using var factory = new DashboardFactory(Proxy(range));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Auth:TrustedProxy:KnownProxies", validation.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:TrustedProxy:AllowWideRanges=true", validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.20.0.0/16")]
    [InlineData("10.20.30.40")]
    [InlineData("2001:db8:1::/48")]
    [InlineData("2001:db8::5")]
    public async Task Start_KnownProxiesWithinTheLimit_Starts(string range)
    {
        await using var factory = new DashboardFactory(Proxy(range));

        using var client = factory.CreateClient();

        Assert.NotNull(client);
    }

    [Fact]
    public async Task Start_AWideRangeWithTheOptIn_Starts()
    {
        await using var factory = new DashboardFactory(Proxy("172.16.0.0/12", ("Auth:TrustedProxy:AllowWideRanges", "true")));

        using var client = factory.CreateClient();

        Assert.NotNull(client);
    }

    [Theory]
    [InlineData("ASPNETCORE_FORWARDEDHEADERS_ENABLED")]
    [InlineData("ForwardedHeaders_Enabled")]
    public async Task Start_ForwardedHeadersEnabledForEverySender_RefusesNamingTheVariable(string key)
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { [key] = "true" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", validation.Message, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownNetworks", validation.Message, StringComparison.Ordinal);
    }
}
