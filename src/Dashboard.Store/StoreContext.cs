using System.Data;
using System.Data.Common;
using System.Text;
using Dashboard.Store.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Store;

/// <summary>
/// The history store's model, shared by both providers. EF Core scaffolds migrations for one provider at a time, so
/// each has a thin subclass (<see cref="SqliteStoreContext"/>, <see cref="PostgresStoreContext"/>) with its own
/// migration set (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>). Tables and columns are snake_case, so
/// operators can query them by hand on either database.
/// </summary>
public abstract class StoreContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ScanRecord> Scans => Set<ScanRecord>();

    public DbSet<TransitionRecord> Transitions => Set<TransitionRecord>();

    public DbSet<TeamStateRecord> TeamStates => Set<TeamStateRecord>();

    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();

    public DbSet<ManualRefreshRecord> ManualRefreshes => Set<ManualRefreshRecord>();

    public DbSet<ConnectionReadingRecord> ConnectionReadings => Set<ConnectionReadingRecord>();

    public DbSet<ConnectionSweepRecord> ConnectionSweeps => Set<ConnectionSweepRecord>();

    public DbSet<ScanProblemRecord> ScanProblems => Set<ScanProblemRecord>();

    /// <summary>
    /// Serializes writers of the same scope across processes for the rest of the current transaction (PostgreSQL:
    /// a transaction-level advisory lock; SQLite: its single writer already does).
    /// </summary>
    internal virtual Task LockScopeForWriteAsync(string scope, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Begins a read-only unit of work whose reads all see the database as one moment, and makes it the context's current
    /// transaction; the caller disposes it (a rollback) before the context. The stored team's head and its payload are
    /// two reads (the payload is streamed by itself), which must come from one scan although another replica publishes
    /// between them. How each database gives one moment: <see cref="BeginSnapshotTransactionAsync"/>. A writer goes on meanwhile.
    /// </summary>
    internal async Task<DbTransaction> BeginSnapshotReadAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await BeginSnapshotTransactionAsync(Database.GetDbConnection(), cancellationToken).ConfigureAwait(false);
        try
        {
            await Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A transaction that reads one moment of the database (PostgreSQL: repeatable read).</summary>
    internal virtual async Task<DbTransaction> BeginSnapshotTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The stored team state's payload of <paramref name="scope"/> as a stream read from the database as it is
    /// consumed (some 90 MB at 100,000 users, never made into one array), in the current transaction; null without a
    /// row. Nothing else may use the connection until it is disposed (PostgreSQL reads it off the open result).
    /// </summary>
    internal async Task<StoredPayload?> OpenTeamStatePayloadAsync(string scope, CancellationToken cancellationToken)
    {
        var connection = Database.GetDbConnection();
        var command = connection.CreateCommand();
        try
        {
            command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@scope";
            parameter.Value = scope;
            command.Parameters.Add(parameter);
            if (Database.IsSqlite())
            {
                // Only the rowid, then the blob opened by it (SqliteBlob): a result row that holds the payload column
                // makes SQLite read the whole blob into memory of its own before the first byte is streamed (88 MB more
                // resident at 100,000 users, for as long as the diff read it).
                command.CommandText = "SELECT rowid FROM team_state WHERE scope = @scope";
                var rowid = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                await command.DisposeAsync().ConfigureAwait(false);
                return rowid is long id
                    ? new StoredPayload(null, null, new Microsoft.Data.Sqlite.SqliteBlob((Microsoft.Data.Sqlite.SqliteConnection)connection, "team_state", "payload", id, readOnly: true))
                    : null;
            }

            // PostgreSQL streams a column read in sequential access.
            command.CommandText = "SELECT payload FROM team_state WHERE scope = @scope";
            var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.DisposeAsync().ConfigureAwait(false);
                await command.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return new StoredPayload(command, reader, reader.GetStream(0));
        }
        catch
        {
            await command.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Replaces the stored team state's payload of <paramref name="scope"/> (its row already written in the current
    /// transaction) with <paramref name="payload"/>, read from its start as it is sent: never one array. SQLite sizes the
    /// blob with <c>zeroblob</c> and fills it through <see cref="Microsoft.Data.Sqlite.SqliteBlob"/>; PostgreSQL (Npgsql)
    /// sends a stream parameter as the <c>bytea</c>, its length taken from the (seekable) stream.
    /// </summary>
    internal async Task WriteTeamStatePayloadAsync(string scope, Stream payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        payload.Position = 0;
        var connection = Database.GetDbConnection();
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
            var scopeParameter = command.CreateParameter();
            scopeParameter.ParameterName = "@scope";
            scopeParameter.Value = scope;
            command.Parameters.Add(scopeParameter);
            var payloadParameter = command.CreateParameter();
            payloadParameter.ParameterName = "@payload";
            command.Parameters.Add(payloadParameter);

            if (Database.IsSqlite())
            {
                command.CommandText = "UPDATE team_state SET payload = zeroblob(@payload) WHERE scope = @scope RETURNING rowid";
                payloadParameter.Value = payload.Length;
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rowid)
                {
                    throw new InvalidOperationException($"The team state of {scope} has no row to write its payload to.");
                }

                var blob = new Microsoft.Data.Sqlite.SqliteBlob((Microsoft.Data.Sqlite.SqliteConnection)connection, "team_state", "payload", rowid);
                await using (blob.ConfigureAwait(false))
                {
                    await payload.CopyToAsync(blob, 1 << 16, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                command.CommandText = "UPDATE team_state SET payload = @payload WHERE scope = @scope";
                payloadParameter.DbType = System.Data.DbType.Binary;
                payloadParameter.Value = payload;
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    throw new InvalidOperationException($"The team state of {scope} has no row to write its payload to.");
                }
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<ScanRecord>(scan =>
        {
            scan.ToTable("scans");
            scan.HasKey(s => s.Id);
            scan.Property(s => s.Scope).IsRequired();
            scan.Property(s => s.Counts).IsRequired();
            scan.HasIndex(s => new { s.Scope, s.CompletedAt });
            scan.HasMany(s => s.Transitions).WithOne(t => t.Scan).HasForeignKey(t => t.ScanId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TransitionRecord>(transition =>
        {
            transition.ToTable("transitions");
            transition.HasKey(t => t.Id);
            transition.Property(t => t.Kind).IsRequired();
            transition.Property(t => t.UserId).IsRequired();
            // /changes and retention read by time; a user's history by user and time.
            transition.HasIndex(t => t.SeenAt);
            transition.HasIndex(t => new { t.UserId, t.SeenAt });
        });

        modelBuilder.Entity<TeamStateRecord>(state =>
        {
            state.ToTable("team_state");
            state.HasKey(s => s.Scope);
            state.Property(s => s.Payload).IsRequired();
        });

        modelBuilder.Entity<ScanProblemRecord>(problem =>
        {
            problem.ToTable("scan_problems");
            problem.HasKey(p => p.Scope);
            problem.Property(p => p.Problem).IsRequired();
        });

        modelBuilder.Entity<AlertRecord>(alert =>
        {
            alert.ToTable("alerts");
            alert.HasKey(a => a.Id);
            alert.Property(a => a.Scope).IsRequired();
            // The sender asks for the oldest waiting alert of its scope.
            alert.HasIndex(a => new { a.Scope, a.AttemptedAt });
            alert.HasOne(a => a.Scan).WithMany().HasForeignKey(a => a.ScanId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ManualRefreshRecord>(refresh =>
        {
            refresh.ToTable("manual_refreshes");
            refresh.HasKey(r => r.Id);
            refresh.Property(r => r.Scope).IsRequired();
            refresh.Property(r => r.UserId).IsRequired();
            // The allowance counts one user's refreshes of the last hour.
            refresh.HasIndex(r => new { r.Scope, r.UserId, r.SentAt });
        });

        modelBuilder.Entity<ConnectionReadingRecord>(reading =>
        {
            reading.ToTable("connection_readings");
            reading.HasKey(r => r.Id);
            reading.Property(r => r.Scope).IsRequired();
            reading.Property(r => r.UserId).IsRequired();
            reading.Property(r => r.Provider).IsRequired();
            reading.Property(r => r.Status).IsRequired();
            // One row per user and provider; a reading replaces the user's rows.
            reading.HasIndex(r => new { r.Scope, r.UserId, r.Provider }).IsUnique();
        });

        modelBuilder.Entity<ConnectionSweepRecord>(sweep =>
        {
            sweep.ToTable("connection_sweeps");
            sweep.HasKey(s => s.Scope);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
