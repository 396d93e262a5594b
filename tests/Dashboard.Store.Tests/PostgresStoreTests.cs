using Dashboard.Store.Tests.Support;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace Dashboard.Store.Tests;

/// <summary>The store suite on PostgreSQL in a container: a database of its own per test.</summary>
public sealed class PostgresStoreTests(PostgresServer server) : StoreSuite
{
    private readonly string _name = "t" + Guid.NewGuid().ToString("N");
    private string? _connectionString;

    internal static StoreDatabase Open(string connectionString) =>
        new(StoreConnection.Resolve(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString }, Path.GetTempPath()));

    protected override async Task<StoreDatabase> CreateDatabaseAsync()
    {
        server.Require();
        _connectionString = await server.CreateDatabaseAsync(_name);
        return Open(_connectionString);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        await server.DropDatabaseAsync(_name);
    }

    /// <summary>The database is renamed: new connections find no such database.</summary>
    protected override async Task BreakAsync()
    {
        await server.DisconnectAsync(_name);
        await server.ExecuteAsync($"ALTER DATABASE \"{_name}\" RENAME TO \"{_name}_away\"");
    }

    protected override async Task RepairAsync()
    {
        await server.DisconnectAsync(_name + "_away");
        await server.ExecuteAsync($"ALTER DATABASE \"{_name}_away\" RENAME TO \"{_name}\"");
    }

    internal override StoreDatabase SecondHandle() => Open(_connectionString!);

    internal override async Task<(StoreDatabase Database, StoreDatabase Second, Func<Task> Drop)> CreateOtherDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        var connectionString = await server.CreateDatabaseAsync(name);
        return (Open(connectionString), Open(connectionString), async () =>
        {
            await server.DisconnectAsync(name);
            await server.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\"");
        });
    }
}
