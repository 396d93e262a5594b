using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Hosting;

public sealed class HostTests
{
    [Fact]
    public async Task Home_DemoMode_ListsSimulatedUsersWithTheDemoBanner()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var team = await TeamAsync(factory);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Demo data", html, StringComparison.Ordinal);
        var simulator = factory.Services.GetRequiredService<VitalSimulator>();
        var withPulls = simulator.Team.UserIds.Where(simulator.Team.HasPulls).ToList();
        Assert.NotEmpty(withPulls);
        Assert.All(withPulls, id => Assert.True(team.TryGet(id, out _), id));
        // The grid's rows arrive once the circuit runs (it is virtualized); the server's HTML says how many there are.
        Assert.Contains($"data-rows=\"{team.Count}\"", html, StringComparison.Ordinal);
    }

    /// <summary>The team as the grid shows it, once the background scan the home page starts has finished.</summary>
    private static Task<Dashboard.Web.Data.Team.TeamSnapshot> TeamAsync(DashboardFactory factory) =>
        factory.Services.GetRequiredService<Dashboard.Web.Data.Team.ITeamSnapshots>().WhenCompleteAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Healthz_NeverCallsTheUpstream()
    {
        var upstream = new CountingHandler(new VitalSimulatorHandler(new VitalSimulator(new SimulatorOptions { Users = 5 }, TimeProvider.System)));
        await using var factory = new DashboardFactory(LiveSettings(), upstream);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("status").GetString());
        Assert.Equal(0, upstream.Calls);
    }

    [Fact]
    public async Task Readyz_UpstreamAnswers_IsHealthyAndCachesTheProbe()
    {
        var upstream = new CountingHandler(new VitalSimulatorHandler(new VitalSimulator(new SimulatorOptions { Users = 5 }, TimeProvider.System)));
        await using var factory = new DashboardFactory(LiveSettings(), upstream);
        using var client = factory.CreateClient();

        var first = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var second = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, upstream.Calls);
    }

    [Fact]
    public async Task Readyz_UpstreamRejectsTheKey_IsUnhealthyWithoutTheKey()
    {
        var upstream = new CountingHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("""{"detail":"bad key"}""") });
        await using var factory = new DashboardFactory(LiveSettings(), upstream);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Unauthorized", body, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_LiveModeOnAnyServerSpeakingTheContract_ListsThatServersUsers()
    {
        var other = new VitalSimulator(new SimulatorOptions { Users = 30, Seed = 4242 }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var upstream = new CountingHandler(new VitalSimulatorHandler(other));
        await using var factory = new DashboardFactory(LiveSettings(), upstream);
        using var client = factory.CreateClient();
        var team = await TeamAsync(factory);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Demo data", html, StringComparison.Ordinal);
        Assert.Contains("Sign-in is off", html, StringComparison.Ordinal);
        Assert.True(team.TryGet(other.Team.UserIds.First(other.Team.HasPulls), out _));
        Assert.Contains($"data-rows=\"{team.Count}\"", html, StringComparison.Ordinal);
        Assert.All(upstream.Requests, r =>
        {
            Assert.Equal("upstream.test", r.RequestUri!.Host);
            Assert.Equal(LiveKey, r.Headers.GetValues("x-vital-api-key").Single());
        });
        Assert.DoesNotContain(LiveKey, html, StringComparison.Ordinal);
    }

    internal const string LiveKey = "pk_us_HOSTTESTKEY_1b2c3d4e5f60718293a4";

    internal static Dictionary<string, string?> LiveSettings() => new()
    {
        ["Vital:ApiKey"] = LiveKey,
        ["Vital:BaseUrl"] = "https://upstream.test",
        ["Auth:Mode"] = "None",
        ["Auth:AllowAnonymous"] = "true",
    };
}
