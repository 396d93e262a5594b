using System.Collections;
using Dashboard.EndToEnd.Tests.Support;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>
/// One compose project of docker-compose.yml: a unique name, images named for this project only (so taking it down
/// removes nothing of anyone else's), and an environment cleaned of settings the developer's shell or .env might
/// hold. Taken down with its volumes whatever happens.
/// </summary>
internal sealed class ComposeProject : IAsyncDisposable
{
    private static readonly string[] OwnSettings =
        ["COMPOSE_", "DASHBOARD_", "DEMO_", "SIMULATOR_", "SCALE_", "PROXY_", "REDIS_", "VITAL_", "Vital__", "Auth__", "ForwardedHeaders__",
            "Simulator__", "DataProtection__", "Audit__", "Cache__", "AllowedHosts"];

    private readonly ComposeCommand _compose;
    private readonly string _emptyEnvFile;
    private readonly (string Variable, string Image)[] _ownImages;
    private string[] _profiles = [];
    private bool _up;

    public ComposeProject(ComposeCommand compose, string name)
    {
        _compose = compose;
        Name = "dashboarde2e" + name.ToLowerInvariant();
        _emptyEnvFile = Path.GetTempFileName();
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            var variableName = (string)variable.Key;
            if (OwnSettings.Any(p => variableName.StartsWith(p, StringComparison.Ordinal)))
            {
                Environment[variableName] = null;
            }
        }

        _ownImages = [("DASHBOARD_IMAGE", $"vital-pull-dashboard-e2e:{Name}"), ("SIMULATOR_IMAGE", $"vital-pull-simulator-e2e:{Name}")];
        foreach (var (variable, image) in _ownImages)
        {
            Environment[variable] = image;
        }
    }

    /// <summary>The compose project name (containers are named <c>{Name}_{service}_1</c>).</summary>
    public string Name { get; }

    /// <summary>What compose sees of the environment; <see langword="null"/> removes a variable.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public Task<CliResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, string? envFile = null, TimeSpan? timeout = null) =>
        Cli.RunAsync(
            _compose.FileName,
            [.. _compose.Prefix, "--env-file", envFile ?? _emptyEnvFile, "--project-name", Name,
                "--file", Path.Combine(Requirement.RepositoryRoot, "docker-compose.yml"),
                .. _profiles.SelectMany(p => new[] { "--profile", p }), .. arguments],
            Environment, timeout ?? TimeSpan.FromMinutes(2), cancellationToken);

    public async Task UpAsync(string[] profiles, CancellationToken cancellationToken)
    {
        _profiles = profiles;
        _up = true;
        var up = await RunAsync(["up", "--detach"], cancellationToken, timeout: TimeSpan.FromMinutes(10));
        if (up.ExitCode != 0)
        {
            var logs = await RunAsync(["logs", "--no-color"], CancellationToken.None);
            up.EnsureSuccess($"{_compose} up ({string.Join(", ", profiles)}); its logs:\n{logs.Output}\n");
        }
    }

    /// <summary>The id of a service's (first) container.</summary>
    public async Task<string> ContainerIdAsync(string service, CancellationToken cancellationToken)
    {
        var id = (await RunAsync(["ps", "-q", service], cancellationToken)).EnsureSuccess($"ps {service}").Output.Trim();
        return id.Length > 0 ? id : throw new InvalidOperationException($"The compose service {service} has no container.");
    }

    public async Task WaitUntilOkAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        try
        {
            await ContainerParts.WaitUntilOkAsync(http, path, TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (TimeoutException ex)
        {
            var logs = await RunAsync(["logs", "--no-color", "--tail", "40"], CancellationToken.None);
            throw new TimeoutException(ex.Message + "\n" + logs.Output, ex);
        }
    }

    /// <summary>
    /// <c>down --volumes --rmi local</c>, then removes the images this project named for itself. Not
    /// <c>--rmi all</c>: that removes the image of every service in the file, whatever the profiles, and so the
    /// Redis and nginx images of the scale profile (or a test's shared image) along with this project's own.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_up)
            {
                var down = await RunAsync(["down", "--volumes", "--rmi", "local", "--remove-orphans"], CancellationToken.None);
                down.EnsureSuccess($"{_compose} down");
                // Only the names still in use (a test may point DASHBOARD_IMAGE at an image it does not own); one that
                // was never built is simply not found.
                var built = _ownImages.Where(o => Environment.GetValueOrDefault(o.Variable) == o.Image).Select(o => o.Image).ToArray();
                if (built.Length > 0)
                {
                    await DockerEngine.DockerAsync(["rmi", "--force", .. built], CancellationToken.None);
                }
            }
        }
        finally
        {
            File.Delete(_emptyEnvFile);
        }
    }
}
