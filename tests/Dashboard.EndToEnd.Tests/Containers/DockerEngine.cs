using System.Diagnostics;
using Dashboard.EndToEnd.Tests.Support;

namespace Dashboard.EndToEnd.Tests.Containers;

/// <summary>
/// The Docker engine the container tests use: whether one answers (else the test skips, or fails under
/// <c>CI=true</c>), the Testcontainers settings this kind of machine needs, and the docker / compose command lines.
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<Task<(string? ApiVersion, string Problem)>> Probe = new(ProbeAsync);
    private static readonly Lazy<Task<ComposeCommand?>> Compose = new(FindComposeAsync);

    /// <summary>
    /// Skips (or, under CI, fails) the current test when no engine answers. Call it before any Testcontainers type
    /// is used: it fills in the Testcontainers settings (tests/docker/README.md) that are not set already.
    /// </summary>
    public static async Task RequireAsync()
    {
        var (apiVersion, problem) = await Probe.Value;
        Requirement.Require(apiVersion is not null,
            $"No Docker engine answers ({problem}). Start one with `sudo bash .ci/install-docker.sh`, then `sudo bash tests/docker/local-base-images.sh` when no registry is reachable.");
    }

    /// <summary>docker-compose 1.x, or else the <c>docker compose</c> plugin; skips (fails under CI) when neither is there.</summary>
    public static async Task<ComposeCommand> RequireComposeAsync()
    {
        await RequireAsync();
        var compose = await Compose.Value;
        Requirement.Require(compose is not null, "Neither docker-compose nor the docker compose plugin is installed (.ci/install-docker.sh installs docker-compose).");
        return compose!;
    }

    /// <summary>Runs the docker CLI (which negotiates the API version with the engine by itself).</summary>
    public static Task<CliResult> DockerAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        Cli.RunAsync("docker", arguments, environment: null, timeout ?? TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>The JSON of <c>docker inspect</c> for a container or an image, as text.</summary>
    public static async Task<string> InspectAsync(string idOrName, CancellationToken cancellationToken)
    {
        var result = await DockerAsync(["inspect", idOrName], cancellationToken);
        result.EnsureSuccess("docker inspect " + idOrName);
        return result.Output;
    }

    private static async Task<(string?, string)> ProbeAsync()
    {
        CliResult result;
        try
        {
            result = await Cli.RunAsync("docker", ["version", "--format", "{{.Server.APIVersion}}"], null, TimeSpan.FromSeconds(20), CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return (null, "docker version: " + ex.Message);
        }

        var apiVersion = result.Output.Trim();
        if (result.ExitCode != 0 || apiVersion.Length == 0)
        {
            return (null, "docker version: " + Last(result.Error));
        }

        UseSettingsForThisEngine(apiVersion);
        return (apiVersion, "");
    }

    /// <summary>
    /// What tests/docker/README.md says to export, for a developer who did not: Testcontainers asks for a newer API
    /// than Debian's engine speaks, the reaper's image cannot be pulled without a registry (these tests remove what
    /// they create themselves), and with <c>/.dockerenv</c> present Testcontainers would hand out the bridge gateway
    /// instead of the loopback address the ports are published on. Settings already in the environment win.
    /// </summary>
    private static void UseSettingsForThisEngine(string apiVersion)
    {
        SetIfUnset("DOCKER_API_VERSION", apiVersion);
        SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(dockerHost) || dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            SetIfUnset("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        }

        static void SetIfUnset(string name, string value)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static async Task<ComposeCommand?> FindComposeAsync()
    {
        foreach (var candidate in new[] { new ComposeCommand("docker-compose", []), new ComposeCommand("docker", ["compose"]) })
        {
            try
            {
                var result = await Cli.RunAsync(candidate.FileName, [.. candidate.Prefix, "version"], null, TimeSpan.FromSeconds(20), CancellationToken.None);
                if (result.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
            {
                // Not installed: try the next one.
            }
        }

        return null;
    }

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }
}

/// <summary>How compose is run here: <c>docker-compose</c> (Debian's 1.29) or <c>docker compose</c>.</summary>
internal sealed record ComposeCommand(string FileName, string[] Prefix)
{
    public override string ToString() => string.Join(' ', [FileName, .. Prefix]);
}

internal sealed record CliResult(string CommandLine, int ExitCode, string Output, string Error)
{
    public CliResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {ExitCode}): {CommandLine}\n{Tail(Error)}\n{Tail(Output)}");
        }

        return this;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}

/// <summary>Runs a command line to completion; kills it (and only it, with its children) when it overruns.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Requirement.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var commandLine = string.Join(' ', [fileName, .. start.ArgumentList]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + commandLine);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds:0} s.\n{await error}");
        }

        return new CliResult(commandLine, process.ExitCode, await output, await error);
    }
}
