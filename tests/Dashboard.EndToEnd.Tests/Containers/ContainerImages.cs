using System.Diagnostics;
using Dashboard.EndToEnd.Tests.Containers;

[assembly: AssemblyFixture(typeof(ContainerImages))]

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>
/// The two images built from the repository's Dockerfile, once per test run and only when a container test asks
/// for one (a run of the browser tests alone builds nothing). Each run tags them uniquely and removes the tags at
/// the end; the build stage's layers stay in the engine's cache, so the next run only redoes what changed
/// (and <c>docker image prune</c> reclaims the space of older ones).
/// </summary>
public sealed class ContainerImages : IAsyncDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly Lazy<Task<BuiltImage>> _dashboard;
    private readonly Lazy<Task<BuiltImage>> _simulator;
    private readonly List<string> _built = [];

    public ContainerImages()
    {
        _dashboard = new(() => BuildAsync("dashboard"));
        // After the dashboard: the simulator target then comes from the cache, apart from its last few layers.
        _simulator = new(async () =>
        {
            await _dashboard.Value;
            return await BuildAsync("simulator");
        });
    }

    /// <summary>A name unique to this test run, for images, compose projects and networks the tests create.</summary>
    public string RunId => _run;

    /// <summary>The dashboard image (the Dockerfile's default target).</summary>
    public async Task<BuiltImage> DashboardAsync()
    {
        await DockerEngine.RequireAsync();
        return await _dashboard.Value;
    }

    /// <summary>The simulated Vital team over HTTP (<c>--target simulator</c>).</summary>
    public async Task<BuiltImage> SimulatorAsync()
    {
        await DockerEngine.RequireAsync();
        return await _simulator.Value;
    }

    /// <summary>
    /// <c>docker build --target … .</c> at the repository root, exactly what an operator runs. The docker CLI rather
    /// than Testcontainers' image builder: it applies .dockerignore with Docker's own rules, and its build context
    /// (with directory entries, which Testcontainers' tar lacks) shares the layer cache with <c>docker build</c> and
    /// <c>docker-compose build</c>, so the compose tests and a developer's builds reuse this one.
    /// </summary>
    private async Task<BuiltImage> BuildAsync(string target)
    {
        var name = $"vital-pull-{target}-e2e:{_run}";
        var watch = Stopwatch.StartNew();
        var result = await DockerEngine.DockerAsync(["build", "--force-rm", "--target", target, "--tag", name, "."], CancellationToken.None, BuildTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"docker build --target {target} of the repository's Dockerfile failed (exit {result.ExitCode}). Without a registry the base " +
                $"images come from `sudo bash tests/docker/local-base-images.sh`. The build's last lines:\n{Tail(result.Output + result.Error)}");
        }

        lock (_built)
        {
            _built.Add(name);
        }

        return new BuiltImage(name, watch.Elapsed);
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));

    /// <summary>
    /// Removes this run's images, and anything of this run a failed test may have left behind (Testcontainers'
    /// reaper is off here): containers, networks and compose volumes carry the run id in their names.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        string[] names;
        lock (_built)
        {
            names = [.. _built];
        }

        if (names.Length == 0)
        {
            return;
        }

        var containers = await DockerEngine.DockerAsync(["ps", "--all", "--quiet", "--filter", "name=" + _run], CancellationToken.None);
        var leftOvers = containers.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (leftOvers.Length > 0)
        {
            await DockerEngine.DockerAsync(["rm", "--force", "--volumes", .. leftOvers], CancellationToken.None);
        }

        var networks = await DockerEngine.DockerAsync(["network", "ls", "--quiet", "--filter", "name=" + _run], CancellationToken.None);
        foreach (var network in networks.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await DockerEngine.DockerAsync(["network", "rm", network], CancellationToken.None);
        }

        var volumes = await DockerEngine.DockerAsync(["volume", "ls", "--quiet", "--filter", "name=" + _run], CancellationToken.None);
        foreach (var volume in volumes.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await DockerEngine.DockerAsync(["volume", "rm", volume], CancellationToken.None);
        }

        await DockerEngine.DockerAsync(["rmi", "--force", .. names], CancellationToken.None);
    }
}

/// <summary>An image the tests built, and how long its build took (for the timings in the test output).</summary>
public sealed record BuiltImage(string Name, TimeSpan BuildTime);
