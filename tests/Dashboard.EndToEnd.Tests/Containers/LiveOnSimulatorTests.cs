using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Vital.Simulator;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>
/// A live dashboard container on a simulator container, over a Docker network, with the team key from a secret
/// file mounted at <c>/run/secrets/Vital__ApiKey</c>: the deployment of docs/deploy-with-docker.md, with the
/// simulator standing in for Vital (it refuses requests without a key, so every answer proves the key was read).
/// </summary>
public sealed class LiveOnSimulatorTests(LiveOnSimulatorTests.Live live) : IClassFixture<LiveOnSimulatorTests.Live>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?> Scenarios => new()
    {
        { ScenarioNames.FailedNoDetails, "pull_failed" },
        { ScenarioNames.LegacyError, "pull_failed" },
        { ScenarioNames.StuckScheduled, "pull_stuck_scheduled" },
        { ScenarioNames.SuccessNoData, "pull_no_data" },
        { ScenarioNames.NotPulled, "resources_not_pulled" },
        { ScenarioNames.NoPulls, "no_pull_data" },
        { ScenarioNames.UnknownStatus, "unknown_status" },
        { ScenarioNames.Healthy, null },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Diagnosis_OfASimulatedUser_HasTheExpectedFinding(string scenario, string? code)
    {
        var running = await live.StartAsync();
        var userId = running.Scenarios[scenario];

        using var response = await running.Dashboard.GetAsync($"/api/users/{userId}/diagnosis", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var diagnosis = JsonDocument.Parse(body);
        var codes = diagnosis.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        if (code is null)
        {
            Assert.Empty(codes);
            Assert.Equal("ok", diagnosis.RootElement.GetProperty("overall").GetString());
        }
        else
        {
            Assert.Contains(code, codes);
        }
    }

    [Fact]
    public async Task UsersCsv_ListsTheSimulatorsUsers()
    {
        var running = await live.StartAsync();
        // The same team in process (same seed and size as the simulator container's defaults).
        var team = new VitalSimulator(new SimulatorOptions(), TimeProvider.System).Team;
        var withPulls = team.UsersWithPulls.ToList();

        // The first snapshot after start comes from the per-provider scan; users of a provider beyond the spec join
        // once the discovery walk that follows it has rescanned (TeamSnapshotService). Seconds, here.
        HashSet<string> users = [];
        List<string> missing = withPulls;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            using var response = await running.Dashboard.GetAsync("/api/users.csv", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csv = await response.Content.ReadAsStringAsync(Ct);
            users = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
            missing = withPulls.Where(u => !users.Contains(u)).ToList();
            if (missing.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            }
        }

        Assert.Equal(team.Scenarios.OrderBy(s => s.Key), running.Scenarios.OrderBy(s => s.Key));
        Assert.True(missing.Count == 0, $"{missing.Count} of the simulator's {withPulls.Count} users with pulls are not in the CSV, e.g. {string.Join(", ", missing.Take(3).Select(u => $"{u} ({team.ScenarioOf(u) ?? "no scenario"})"))}");
        // The grid also lists users Vital holds ongoing data of without a pull (the connected ones).
        Assert.Equal(withPulls.Union(team.UsersWithConnections).Count(), users.Count);
        // The user without pulls is listed only for the ongoing data Vital holds of them.
        var noPulls = running.Scenarios[ScenarioNames.NoPulls];
        Assert.Equal(team.UsersWithConnections.Contains(noPulls, StringComparer.Ordinal), users.Contains(noPulls));
    }

    [Fact]
    public async Task Readyz_ReachesTheSimulatorOverTheNetwork()
    {
        var running = await live.StartAsync();

        using var response = await running.Dashboard.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vital answered.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_ComesFromTheSecretFile_TheSimulatorRefusesRequestsWithoutOne()
    {
        var running = await live.StartAsync();

        using var withoutKey = await running.Simulator.GetAsync("/v2/introspect/historical_pull?user_limit=1", Ct);
        using var page = await running.Dashboard.GetAsync("/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Demo data", html, StringComparison.Ordinal);
        Assert.Contains("Sign-in is off", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_IsInNeitherDockerInspectNorTheLogs()
    {
        var running = await live.StartAsync();
        using (await running.Dashboard.GetAsync($"/api/users/{running.Scenarios[ScenarioNames.FailedNoDetails]}/diagnosis", Ct))
        {
        }

        var container = await DockerEngine.InspectAsync(running.DashboardContainer.Id, Ct);
        var image = await DockerEngine.InspectAsync(running.DashboardContainer.Image.FullName, Ct);
        var logs = await ContainerParts.LogsAsync(running.DashboardContainer, Ct);

        Assert.DoesNotContain(running.Key, container, StringComparison.Ordinal);
        Assert.DoesNotContain(running.Key, image, StringComparison.Ordinal);
        Assert.DoesNotContain("CONTAINERTEST", logs, StringComparison.Ordinal);
        // The secret is a mount, not configuration: inspect shows where it comes from, never what it holds.
        Assert.Contains("/run/secrets/Vital__ApiKey", container, StringComparison.Ordinal);
        Assert.DoesNotContain("Vital__ApiKey=", container, StringComparison.Ordinal);
        Assert.Contains("Sign-in is OFF with a live Vital key", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_RunsAsTheNonRootUserAndReportsHealthy()
    {
        var running = await live.StartAsync();

        var id = await running.SimulatorContainer.ExecAsync(["id", "-u"], Ct);
        var health = await ContainerParts.WaitForHealthAsync(running.SimulatorContainer.Id, TimeSpan.FromSeconds(40), Ct);

        Assert.Equal("1654", id.Stdout.Trim());
        Assert.Equal("healthy", health);
    }

    [Fact]
    public async Task SecretFileTheAppUserCannotRead_StopsTheStartInsteadOfRunningWithoutTheKey()
    {
        await DockerEngine.RequireAsync();
        var image = await live.ImageAsync();
        // 0600, owned by whoever runs the tests: not the container's user 1654.
        using var secret = new SecretFile("Vital__ApiKey", ContainerParts.DistinctiveKey(), readableByTheContainer: false);

        var run = await DockerEngine.DockerAsync(
            ["run", "--rm", "--name", $"dashboard-e2e-unreadable-{live.RunId}", "--mount", $"type=bind,source={secret.Path},target=/run/secrets/Vital__ApiKey,readonly",
                "--env", "Auth__Mode=None", "--env", "Auth__AllowAnonymous=true", image.Name],
            Ct, TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Access to the path '/run/secrets/Vital__ApiKey' is denied", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CONTAINERTEST", run.Output + run.Error, StringComparison.Ordinal);
    }

    /// <summary>What the tests talk to.</summary>
    public sealed record Running(
        IContainer DashboardContainer, HttpClient Dashboard, IContainer SimulatorContainer, HttpClient Simulator,
        IReadOnlyDictionary<string, string> Scenarios, string Key);

    /// <summary>The network, the two containers and the secret file, for the class; removed at its end.</summary>
    public sealed class Live : IAsyncDisposable
    {
        private readonly ContainerImages _images;
        private readonly Lazy<Task<Running>> _started;
        private readonly string _key = ContainerParts.DistinctiveKey();
        private readonly List<IAsyncDisposable> _owned = [];
        private SecretFile? _secret;

        public Live(ContainerImages images)
        {
            _images = images;
            _started = new(StartOnceAsync);
        }

        public string RunId => _images.RunId;

        public Task<BuiltImage> ImageAsync() => _images.DashboardAsync();

        public async Task<Running> StartAsync()
        {
            await DockerEngine.RequireAsync();
            return await _started.Value;
        }

        private async Task<Running> StartOnceAsync()
        {
            var dashboardImage = await _images.DashboardAsync();
            var simulatorImage = await _images.SimulatorAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

            var network = new NetworkBuilder().WithName($"dashboard-e2e-{_images.RunId}").Build();
            _owned.Add(network);
            await network.CreateAsync(timeout.Token);

            var simulator = ContainerParts.FromImage(simulatorImage, $"dashboard-e2e-simulator-{_images.RunId}", TimeSpan.FromSeconds(30))
                .WithNetwork(network)
                .WithNetworkAliases("simulator")
                .Build();
            _owned.Add(simulator);
            await simulator.StartAsync(timeout.Token);

            _secret = new SecretFile("Vital__ApiKey", _key);
            var dashboard = ContainerParts.FromImage(dashboardImage, $"dashboard-e2e-live-{_images.RunId}", TimeSpan.FromSeconds(30))
                .WithNetwork(network)
                .WithBindMount(_secret.Path, "/run/secrets/Vital__ApiKey", AccessMode.ReadOnly)
                .WithEnvironment("Vital__BaseUrl", $"http://simulator:{ContainerParts.AppPort}")
                // Plain http by a network alias: allowed for the simulator only, by its explicit opt-in.
                .WithEnvironment("Vital__AllowInsecureBaseUrl", "true")
                .WithEnvironment("Auth__Mode", "None")
                .WithEnvironment("Auth__AllowAnonymous", "true")
                .Build();
            _owned.Add(dashboard);
            await dashboard.StartAsync(timeout.Token);

            var simulatorHttp = ContainerParts.ClientFor(simulator);
            var dashboardHttp = ContainerParts.ClientFor(dashboard);
            _owned.Add(new Disposing(simulatorHttp));
            _owned.Add(new Disposing(dashboardHttp));
            var scenarios = await simulatorHttp.GetFromJsonAsync<Dictionary<string, string>>("/_simulator/scenarios", timeout.Token)
                ?? throw new InvalidOperationException("The simulator has no scenarios.");
            return new Running(dashboard, dashboardHttp, simulator, simulatorHttp, scenarios, _key);
        }

        public async ValueTask DisposeAsync()
        {
            // Containers before the network they are attached to.
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync();
            }

            _secret?.Dispose();
        }

        private sealed class Disposing(IDisposable inner) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
