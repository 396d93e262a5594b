using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store;

/// <summary>Opens contexts on the configured database; one per unit of work (contexts are cheap, options are built once).</summary>
public sealed class StoreDatabase
{
    private readonly DbContextOptions<SqliteStoreContext>? _sqlite;
    private readonly DbContextOptions<PostgresStoreContext>? _postgres;

    public StoreDatabase(StoreConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        if (connection.Provider == StoreProvider.Postgres)
        {
            _postgres = new DbContextOptionsBuilder<PostgresStoreContext>()
                .UseNpgsql(connection.ConnectionString, npgsql => npgsql.CommandTimeout(120))
                .Options;
        }
        else
        {
            if (connection.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Opening the file says so later, with the history paused rather than the dashboard down.
                }
            }

            _sqlite = new DbContextOptionsBuilder<SqliteStoreContext>()
                .UseSqlite(connection.ConnectionString, sqlite => sqlite.CommandTimeout(120))
                .Options;
        }
    }

    public StoreConnection Connection { get; }

    public StoreProvider Provider => Connection.Provider;

    public StoreContext CreateContext() => _postgres is not null ? new PostgresStoreContext(_postgres) : new SqliteStoreContext(_sqlite!);
}
