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
        var simulator = factory.Services.GetRequiredService<VitalSimulator>();
        // The grid lists everyone Vital holds pulls or ongoing data for.
        var withPulls = simulator.Team.UserIds.Where(id => simulator.Team.HasPulls(id) || simulator.Team.UsersWithConnections.Contains(id)).ToList();
        await factory.Services.UntilTeamHoldsAsync(withPulls.Count, TestContext.Current.CancellationToken);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Demo data", html, StringComparison.Ordinal);
        Assert.NotEmpty(withPulls);
        // The grid's rows stream in over the circuit; the server's first render already counts the whole team,
        // users on providers the spec does not list included once the discovery walk has added them.
        Assert.Matches($@"data-testid=""row-count""[^>]*>\s*{withPulls.Count}\s*users", html);
        var csv = await client.GetStringAsync("/api/users.csv", TestContext.Current.CancellationToken);
        Assert.All(withPulls, id => Assert.Contains(id, csv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserPage_DemoMode_EveryIconItUsesIsInTheDocumentsSprite()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var simulator = factory.Services.GetRequiredService<VitalSimulator>();
        var user = simulator.Team.Scenarios[ScenarioNames.ManyResources];

        var html = await client.GetStringAsync($"/users/{user}", TestContext.Current.CancellationToken);

        var symbols = System.Text.RegularExpressions.Regex.Matches(html, @"<symbol id=""([^""]+)""").Select(m => m.Groups[1].Value).ToHashSet();
        var used = System.Text.RegularExpressions.Regex.Matches(html, @"<use href=""#([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Dashboard.Web.Components.Shared.TrustedIcon.All.Count, symbols.Count);
        Assert.NotEmpty(used);
        Assert.All(used, id => Assert.Contains(id, symbols));
    }

    [Fact]
    public async Task HealthEndpoints_DemoMode_AreHealthyOnTheSimulatedTeam()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var live = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("vital").GetProperty("status").GetString());
        Assert.True(factory.Services.GetRequiredService<VitalSimulator>().RequestCount >= 1);
    }

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
        Assert.Contains("Unauthorized (HTTP 401)", body, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, body, StringComparison.Ordinal);
        // Anyone may ask /readyz: what the upstream said stays in the log.
        Assert.DoesNotContain("bad key", body, StringComparison.Ordinal);
        Assert.DoesNotContain("upstream.test", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_LiveModeOnAnyServerSpeakingTheContract_ListsThatServersUsers()
    {
        var other = new VitalSimulator(new SimulatorOptions { Users = 30, Seed = 4242 }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var upstream = new CountingHandler(new VitalSimulatorHandler(other));
        await using var factory = new DashboardFactory(LiveSettings(), upstream);
        using var client = factory.CreateClient();
        // The grid lists everyone Vital holds pulls or ongoing data for.
        var withPulls = other.Team.UserIds.Where(id => other.Team.HasPulls(id) || other.Team.UsersWithConnections.Contains(id)).ToList();
        await factory.Services.UntilTeamHoldsAsync(withPulls.Count, TestContext.Current.CancellationToken);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Demo data", html, StringComparison.Ordinal);
        Assert.Contains("Sign-in is off", html, StringComparison.Ordinal);
        Assert.Matches($@"data-testid=""row-count""[^>]*>\s*{withPulls.Count}\s*users", html);
        var csv = await client.GetStringAsync("/api/users.csv", TestContext.Current.CancellationToken);
        Assert.All(withPulls, id => Assert.Contains(id, csv, StringComparison.Ordinal));
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
