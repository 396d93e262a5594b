using Npgsql;

namespace Dashboard.Store.Hosting;

/// <summary>
/// The right to scan one team (scope) among replicas sharing a PostgreSQL database: a session advisory lock held on a
/// connection of its own for as long as this replica scans. When the holder dies its session ends and the lock with it;
/// when it hangs or loses the network, the server ends its idle session after <see cref="IdleSessionTimeout"/>, since a
/// live holder renews (pings) far more often. Not thread-safe: one loop renews it.
/// </summary>
public sealed class PostgresScanLock : IAsyncDisposable
{
    /// <summary>
    /// Its own key space: the write locks (<see cref="PostgresStoreContext"/>) take <c>("VALD", hash(scope))</c> in
    /// transactions, which a session lock on the same pair would block, the holder's own writes included.
    /// </summary>
    private const int LockSpace = 0x5343_414E; // "SCAN"

    private readonly string _connectionString;
    private readonly int _key;
    private NpgsqlConnection? _connection;
    private bool _held;

    public PostgresScanLock(string connectionString, string scope, TimeSpan idleSessionTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        // Outside the pool: a pooled connection's reset would drop the lock while we think we hold it.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        _key = PostgresStoreContext.StableHash(scope);
        IdleSessionTimeout = idleSessionTimeout;
    }

    /// <summary>How long the server keeps a silent session (and so the lock) before ending it.</summary>
    public TimeSpan IdleSessionTimeout { get; }

    /// <summary>
    /// Holds the lock if it can: true while this replica holds it (checked on the server), false while another does.
    /// A session that ended under it (the server restarted, or ended it) is replaced at once. Throws when the database
    /// cannot be reached; the next call opens a new session.
    /// </summary>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            try
            {
                return await AskAsync(_connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                // The old session is gone, and the lock with it: ask again on a new one.
                await CloseAsync().ConfigureAwait(false);
            }
        }

        try
        {
            _connection = new NpgsqlConnection(_connectionString);
            await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var timeout = (long)IdleSessionTimeout.TotalMilliseconds;
            await using (var setting = new NpgsqlCommand($"SET idle_session_timeout = {timeout}", _connection))
            {
                await setting.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return await AskAsync(_connection, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Lets go of the lock, so another replica takes over at its next try.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_held && _connection is { } connection)
        {
            try
            {
                // Given back before the session ends: the server ends a closed session a moment later, not at once.
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever failed, the session ends below and the lock with it.
            }
        }

        await CloseAsync().ConfigureAwait(false);
    }

    private async Task<bool> AskAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Asked every time, also of a holder: it is the ping that keeps the session from timing out, and tells whether
        // the lock is still ours. A session's holds are counted, so a second one is given back at once.
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockSpace}, {_key})", connection);
        var acquired = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (acquired && _held)
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockSpace}, {_key})", connection);
            await unlock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _held = acquired;
        return acquired;
    }

    private async ValueTask CloseAsync()
    {
        _held = false;
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                // The server ended the session first (it restarted, or timed the session out): nothing is left to close.
            }
        }
    }
}
