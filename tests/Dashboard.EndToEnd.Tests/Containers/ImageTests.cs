using System.Text.Json;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>What the built images promise, from <c>docker image inspect</c>.</summary>
public sealed class ImageTests(ContainerImages images)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DashboardImage_RunsTheDashboardAsUser1654OnPort8080WithAHealthCheck()
    {
        var image = await images.DashboardAsync();

        await AssertRuntimeImageAsync(image, "Dashboard.Web.dll");
    }

    [Fact]
    public async Task SimulatorImage_RunsTheSimulatorAsUser1654OnPort8080WithAHealthCheck()
    {
        var image = await images.SimulatorAsync();

        await AssertRuntimeImageAsync(image, "Vital.Simulator.Host.dll");
    }

    private static async Task AssertRuntimeImageAsync(BuiltImage image, string entryAssembly)
    {
        using var inspect = JsonDocument.Parse(await DockerEngine.InspectAsync(image.Name, Ct));
        var root = inspect.RootElement[0];
        var config = root.GetProperty("Config");
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToList();
        var size = root.GetProperty("Size").GetInt64();
        TestContext.Current.TestOutputHelper?.WriteLine($"{image.Name}: built in {image.BuildTime.TotalSeconds:0.0} s, {size / 1_000_000} MB");

        Assert.Equal("1654", config.GetProperty("User").GetString());
        Assert.True(config.GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _), "port 8080 is not exposed");
        Assert.Equal(["dotnet", entryAssembly], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/app", config.GetProperty("WorkingDir").GetString());
        var healthCheck = config.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["CMD", "bash", "-c"], healthCheck.Take(3));
        Assert.Contains("GET /healthz", healthCheck[3], StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", environment);
        Assert.DoesNotContain(environment, e => e.Contains("ApiKey", StringComparison.OrdinalIgnoreCase) || e.Contains("Secret", StringComparison.OrdinalIgnoreCase));
        // The runtime image and the published app, not the SDK or the sources.
        Assert.True(size < 450_000_000, $"{image.Name} is {size / 1_000_000} MB: did the SDK or the sources reach the final stage?");
    }
}
