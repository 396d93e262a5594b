using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>OpenID Connect never admits everyone the provider knows by accident: an allow-list or an explicit opt-in.</summary>
public sealed class OpenIdConnectAllowListTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) =>
        Live([
            ("Auth:Mode", "OpenIdConnect"),
            ("Auth:OpenIdConnect:Authority", FakeIdentityProvider.Issuer),
            ("Auth:OpenIdConnect:ClientId", FakeIdentityProvider.ClientId),
            .. extra,
        ]);

    [Fact]
    public async Task Start_OpenIdConnectWithoutDomainsOrGroups_RefusesNamingTheKeys()
    {
        await using var factory = new DashboardFactory(Settings());

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Auth:OpenIdConnect:AllowedEmailDomains", validation.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:OpenIdConnect:AllowedGroups", validation.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:OpenIdConnect:AllowAnyone=true", validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:OpenIdConnect:AllowedEmailDomains:0", "example.com")]
    [InlineData("Auth:OpenIdConnect:AllowedGroups:0", "support-tools")]
    [InlineData("Auth:OpenIdConnect:AllowAnyone", "true")]
    public async Task Start_OpenIdConnectWithAnAllowListOrTheOptIn_Starts(string key, string value)
    {
        await using var factory = new DashboardFactory(Settings((key, value)));

        using var client = factory.CreateClient();

        Assert.NotNull(factory.Services.GetRequiredService<IOptions<Dashboard.Web.Security.AuthOptions>>().Value);
    }
}
