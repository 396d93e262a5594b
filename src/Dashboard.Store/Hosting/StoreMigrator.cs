using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Store.Hosting;

/// <summary>
/// Brings the schema up to date, once per process, under the database's migration lock: two replicas starting together
/// never both migrate (PostgreSQL: a session advisory lock of ours around EF Core's own, which is released between the
/// first migration and the next on an empty database, so two replicas could both apply the second; SQLite: a row in
/// <c>__EFMigrationsLock</c>). SQLite's lock row
/// outlives a process that died while migrating, and EF Core then waits for it forever: here the wait ends after
/// <see cref="LockTimeout"/> with an error that says which row to delete.
/// </summary>
public sealed partial class StoreMigrator(StoreDatabase database, TimeProvider timeProvider, ILogger<StoreMigrator> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    /// <summary>How long to wait for the migration lock (and the migration) before giving up for now.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool IsMigrated => _migrated;

    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(LockTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var context = database.CreateContext();
            await using (context.ConfigureAwait(false))
            {
                try
                {
                    var sessionLock = database.Provider == StoreProvider.Postgres
                        ? await PostgresSessionLock.AcquireAsync(database.Connection.ConnectionString, linked.Token).ConfigureAwait(false)
                        : null;
                    try
                    {
                        var pending = (await context.Database.GetPendingMigrationsAsync(linked.Token).ConfigureAwait(false)).ToList();
                        if (pending.Count > 0)
                        {
                            await context.Database.MigrateAsync(linked.Token).ConfigureAwait(false);
                            LogMigrated(logger, database.Connection.Description, string.Join(", ", pending));
                        }
                    }
                    finally
                    {
                        if (sessionLock is not null)
                        {
                            await sessionLock.DisposeAsync().ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new MigrationLockTimeoutException(LockMessage(), ex);
                }
            }

            _migrated = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string LockMessage() => database.Provider == StoreProvider.Sqlite
        ? $"the schema could not be migrated within {LockTimeout.TotalSeconds:0} s: the migration lock (a row in the table __EFMigrationsLock) is held. If no other dashboard is starting on this file, one stopped while migrating: delete the row (DELETE FROM \"__EFMigrationsLock\";) and history resumes"
        : $"the schema could not be migrated within {LockTimeout.TotalSeconds:0} s: another replica holds the migration lock (or the server is slow); history resumes once it is done";

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "History store: migrated {Database} ({Migrations})")]
    private static partial void LogMigrated(ILogger logger, string database, string migrations);
}
