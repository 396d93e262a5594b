using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>Development shows error details on pages: never with a production team's data.</summary>
public sealed class DevelopmentEnvironmentTests
{
    [Theory]
    [InlineData("pk_us_0123456789abcdef0123456789abcdef")]
    [InlineData("pk_eu_0123456789abcdef0123456789abcdef")]
    [InlineData("custom-key-0123456789abcdef")]
    public async Task Start_DevelopmentWithAProductionKey_Refuses(string key)
    {
        await using var factory = new DashboardFactory(Anonymous(("Vital:ApiKey", key), ("Vital:BaseUrl", "https://upstream.test")))
            .WithWebHostBuilder(b => b.UseEnvironment("Development"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Development", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DevelopmentWithASandboxKey_Starts()
    {
        await using var factory = new DashboardFactory(Anonymous()).WithWebHostBuilder(b => b.UseEnvironment("Development"));

        using var client = factory.CreateClient();

        Assert.NotNull(client);
    }

    [Fact]
    public async Task Start_ProductionWithAProductionKey_Starts()
    {
        await using var factory = new DashboardFactory(Anonymous(("Vital:ApiKey", "pk_us_0123456789abcdef0123456789abcdef")));

        using var client = factory.CreateClient();

        Assert.NotNull(client);
    }
}
