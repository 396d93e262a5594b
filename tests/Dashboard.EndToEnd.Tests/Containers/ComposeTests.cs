using System.Net;
using System.Text.Json;
using Dashboard.EndToEnd.Tests.Support;
using Vital.Simulator;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>
/// docker-compose.yml as an operator uses it (Debian's docker-compose 1.29 here, or the docker compose plugin):
/// each test is its own compose project with its own ports and image names, taken down with its volumes and images
/// whatever happens.
/// </summary>
public sealed class ComposeTests(ContainerImages images)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Config_AcceptsTheComposeFileAndTheExampleSettings()
    {
        var compose = await DockerEngine.RequireComposeAsync();
        await using var project = new ComposeProject(compose, images.RunId + "config");
        var key = ContainerParts.DistinctiveKey();
        using var secret = new SecretFile("Vital__ApiKey", key);
        project.Environment["VITAL_API_KEY_FILE"] = secret.Path;

        var quiet = await project.RunAsync(["config", "--quiet"], Ct);
        var services = await project.RunAsync(["config", "--services"], Ct);
        var resolved = await project.RunAsync(["config"], Ct);
        var example = await project.RunAsync(["config"], Ct, envFile: Path.Combine(Requirement.RepositoryRoot, "deploy", "example.env"));

        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(["dashboard", "dashboard-1", "dashboard-2", "demo", "grafana", "postgres", "prometheus", "proxy", "redis", "simulator"], services.EnsureSuccess("config --services").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        resolved.EnsureSuccess("config");
        Assert.Contains("dashboard-keys:/app/keys", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("dashboard-audit:/app/audit", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("Auth__Mode: OpenIdConnect", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8080:8080", resolved.Output, StringComparison.Ordinal);
        // The scale profile: the replicas share the cache and the key ring, and only the proxy is published.
        Assert.Contains("Cache__Redis: redis:6379", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("dashboard-replicas.conf:/etc/nginx/conf.d/default.conf:ro", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8082:8080", resolved.Output, StringComparison.Ordinal);
        // One history and one scan for the replicas: PostgreSQL, its password and connection string from secret files.
        Assert.Contains("Store__Provider: Postgres", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_PASSWORD_FILE: /run/secrets/postgres-password", resolved.Output, StringComparison.Ordinal);
        // The key is a secret file, never an environment variable with a value.
        Assert.DoesNotMatch(@"Vital__ApiKey:[ \t]*\S", resolved.Output);
        Assert.DoesNotContain(key, resolved.Output, StringComparison.Ordinal);
        Assert.Contains("Auth__OpenIdConnect__Authority: https://login.example.com/oauth2/default", example.EnsureSuccess("config with deploy/example.env").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoProfile_Up_ServesTheSimulatedTeam()
    {
        var compose = await DockerEngine.RequireComposeAsync();
        await images.DashboardAsync(); // the layer cache this build reuses
        await using var project = new ComposeProject(compose, images.RunId + "demo");
        var port = ContainerParts.FreePort();
        project.Environment["DEMO_PUBLISH"] = $"127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

        await project.UpAsync(["demo"], Ct);
        await project.WaitUntilOkAsync(http, "/healthz", Ct);
        using var page = await http.GetAsync("/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var script = await http.GetAsync("/_framework/blazor.web.js", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Demo data", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task LiveProfile_OnTheSimulator_SignsPeopleInAndReadsTheKeyFromTheSecretFile()
    {
        var compose = await DockerEngine.RequireComposeAsync();
        await images.SimulatorAsync(); // both images in the layer cache this build reuses
        await using var project = new ComposeProject(compose, images.RunId + "live");
        var key = ContainerParts.DistinctiveKey();
        using var secret = new SecretFile("Vital__ApiKey", key);
        var port = ContainerParts.FreePort();
        var simulatorPort = ContainerParts.FreePort();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["VITAL_API_KEY_FILE"] = secret.Path,
            ["DASHBOARD_PUBLISH"] = $"127.0.0.1:{port}",
            ["SIMULATOR_PUBLISH"] = $"127.0.0.1:{simulatorPort}",
            ["Vital__BaseUrl"] = "http://simulator:8080",
            // Plain http by a compose name: allowed for the simulator only, by its explicit opt-in.
            ["Vital__AllowInsecureBaseUrl"] = "true",
            // The alternative sign-in of the compose file: a proxy vouches for the user. Here the test is the proxy;
            // its requests reach the container from the compose network's gateway.
            ["Auth__Mode"] = "TrustedProxy",
            ["Auth__TrustedProxy__KnownProxies__0"] = "172.16.0.0/12",
            ["Auth__TrustedProxy__KnownProxies__1"] = "192.168.0.0/16",
            // Docker's default address pools, wider than /16: the project's network is somewhere in them.
            ["Auth__TrustedProxy__AllowWideRanges"] = "true",
        })
        {
            project.Environment[name] = value;
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        using var simulatorHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{simulatorPort}"), Timeout = TimeSpan.FromSeconds(60) };

        await project.UpAsync(["live", "simulator"], Ct);
        await project.WaitUntilOkAsync(simulatorHttp, "/healthz", Ct);
        await project.WaitUntilOkAsync(http, "/healthz", Ct);
        var failed = new VitalSimulator(new SimulatorOptions(), TimeProvider.System).Team.Scenarios[ScenarioNames.FailedNoDetails];

        using var anonymous = await http.GetAsync($"/api/users/{failed}/diagnosis", Ct);
        using var signedIn = await SendAsync(http, $"/api/users/{failed}/diagnosis", "support@example.com");
        using var page = await SendAsync(http, "/", "support@example.com");
        var html = await page.Content.ReadAsStringAsync(Ct);
        var dashboardId = (await project.RunAsync(["ps", "-q", "dashboard"], Ct)).EnsureSuccess("ps").Output.Trim();
        var files = await DockerEngine.DockerAsync(["exec", dashboardId, "bash", "-c", "ls /app/keys; cat /app/audit/audit-*.log"], Ct);
        var inspect = await DockerEngine.InspectAsync(dashboardId, Ct);
        var logs = await DockerEngine.DockerAsync(["logs", dashboardId], Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var diagnosis = JsonDocument.Parse(await signedIn.Content.ReadAsStringAsync(Ct));
        Assert.Contains("pull_failed", diagnosis.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Demo data", html, StringComparison.Ordinal);
        Assert.Contains("support@example.com", html, StringComparison.Ordinal);
        // The volumes: the key ring and the audit trail, who looked at what.
        Assert.Matches(@"key-[0-9a-f-]{36}\.xml", files.Output);
        Assert.Contains("\"Actor\":\"support@example.com\"", files.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, inspect, StringComparison.Ordinal);
        Assert.DoesNotContain("CONTAINERTEST", logs.Output + logs.Error, StringComparison.Ordinal);
        Assert.Contains("\"ReadonlyRootfs\": true", inspect, StringComparison.Ordinal);

        Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string email)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Forwarded-Email", email);
            return client.SendAsync(request, Ct);
        }
    }
}
