using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store;

/// <summary>The store on SQLite; its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteStoreContext(DbContextOptions<SqliteStoreContext> options) : StoreContext(options)
{
    /// <summary>
    /// SQLite has no date type, and EF Core cannot compare or order <see cref="DateTimeOffset"/> values there: times are
    /// kept as fixed-width UTC text (<c>2026-12-04T07:00:00.0000000Z</c>), which sorts as time does and reads well.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
    }

    /// <summary>
    /// A deferred transaction (<c>BEGIN</c>), not the <c>BEGIN IMMEDIATE</c> of a default one, which would take the write
    /// lock: in the WAL mode EF Core creates the file in, it reads the file as of its first read until it ends.
    /// </summary>
    internal override Task<DbTransaction> BeginSnapshotTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
}
