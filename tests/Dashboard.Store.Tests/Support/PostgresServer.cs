using System.Diagnostics;
using DotNet.Testcontainers.Images;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Dashboard.Store.Tests.Support;

/// <summary>
/// One PostgreSQL container for the test run (<c>postgres:15-bookworm</c>, never pulled: on machines without a registry
/// tests/docker/local-base-images.sh builds a stand-in with that tag), and a database per test. Without an engine or
/// the image the tests skip with the reason; under <c>CI=true</c> they fail.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Image = "postgres:15-bookworm";

    private PostgreSqlContainer? _container;

    public string? Problem { get; private set; }

    public string AdminConnectionString => _container?.GetConnectionString() ?? throw new InvalidOperationException(Problem);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        var apiVersion = Docker("version --format {{.Server.APIVersion}}");
        if (apiVersion is null)
        {
            Problem = "No Docker engine answers (start one with `sudo bash .ci/install-docker.sh`).";
            return;
        }

        if (Docker($"image inspect --format {{{{.Id}}}} {Image}") is null)
        {
            Problem = $"The image {Image} is not on this machine (without a registry: `sudo bash tests/docker/local-base-images.sh` builds a stand-in).";
            return;
        }

        // tests/docker/README.md: Debian's engine speaks an older API, the reaper's image cannot be pulled, and the
        // published ports are on the loopback address.
        SetIfUnset("DOCKER_API_VERSION", apiVersion);
        SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
        SetIfUnset("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");

        _container = new PostgreSqlBuilder(Image).WithImagePullPolicy(PullPolicy.Never).Build();
        await _container.StartAsync();
    }

    /// <summary>Skips the test (fails it under CI) when there is no server.</summary>
    public void Require()
    {
        if (_container is not null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail(Problem + " CI must provide it (.ci/prepare builds it).");
        }

        Assert.Skip(Problem!);
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every session on a database, so it can be renamed or dropped.</summary>
    public Task DisconnectAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
    }

    /// <summary>Drops a test's database and its moved-away copy (<c>{name}_away</c>), ending their sessions first.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        foreach (var database in new[] { name, name + "_away" })
        {
            await DisconnectAsync(database);
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\"");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static void SetIfUnset(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static string? Docker(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(20_000);
            return process.ExitCode == 0 && output.Trim() is { Length: > 0 } text ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>
/// A database of its own for each test of a class (xunit makes the class anew for each test): made before the test,
/// dropped after with its moved-away copy. A field of the test class, its <c>IAsyncLifetime</c> forwarded here.
/// </summary>
public sealed class ScratchDatabase(PostgresServer server)
{
    public string Name { get; } = "t" + Guid.NewGuid().ToString("N");

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Skips the test (fails it under CI) without a server; else makes the database.</summary>
    public async ValueTask CreateAsync()
    {
        server.Require();
        ConnectionString = await server.CreateDatabaseAsync(Name);
    }

    public async ValueTask DropAsync()
    {
        if (ConnectionString.Length > 0)
        {
            await server.DropDatabaseAsync(Name);
        }
    }
}
