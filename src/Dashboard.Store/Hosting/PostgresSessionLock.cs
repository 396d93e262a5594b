using Npgsql;

namespace Dashboard.Store.Hosting;

/// <summary>
/// A PostgreSQL session advisory lock on a connection of its own, held from <see cref="AcquireAsync"/> until disposed
/// (or until the process dies: the server ends the session and the lock with it). Serializes schema migrations across
/// replicas: EF Core's transaction-bound lock alone let two processes on an empty database both apply the second
/// migration (seen as "relation already exists").
/// </summary>
internal sealed class PostgresSessionLock : IAsyncDisposable
{
    /// <summary>Tells this lock apart from the write locks (<see cref="PostgresStoreContext"/>) and anyone else's.</summary>
    private const int LockSpace = 0x5641_4C44; // "VALD"
    private const int MigrationKey = 0x4D49_4752; // "MIGR"

    private readonly NpgsqlConnection _connection;

    private PostgresSessionLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresSessionLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Outside the pool: a pooled connection's reset would drop the lock while we think we hold it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({LockSpace}, {MigrationKey})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresSessionLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockSpace}, {MigrationKey})", _connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The session ends below, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
