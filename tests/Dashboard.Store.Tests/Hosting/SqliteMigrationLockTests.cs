using Dashboard.Store.Hosting;
using Dashboard.Store.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Store.Tests.Hosting;

public sealed class SqliteMigrationLockTests
{
    [Fact]
    public async Task EnsureMigrated_StaleLockRow_TimesOutNamingTheRow()
    {
        using var folder = new TempFolder();
        var file = folder.File("dashboard.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            // What a process that died while migrating leaves behind.
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 07:59:00+00:00');
                """;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var migrator = new StoreMigrator(SqliteStoreTests.Open(file), TimeProvider.System, NullLogger<StoreMigrator>.Instance) { LockTimeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => migrator.EnsureMigratedAsync(TestContext.Current.CancellationToken));

        Assert.Contains("__EFMigrationsLock", error.Message, StringComparison.Ordinal);
        Assert.Contains("DELETE FROM", error.Message, StringComparison.Ordinal);
        Assert.False(migrator.IsMigrated);
        Assert.Equal(error.Message, StoreFailure.Describe(error));
    }

    [Fact]
    public async Task EnsureMigrated_StaleRowDeleted_MigratesOnTheNextTry()
    {
        using var folder = new TempFolder();
        var file = folder.File("dashboard.db");
        await ExecuteAsync(file, """
            CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 07:59:00+00:00');
            """);
        var migrator = new StoreMigrator(SqliteStoreTests.Open(file), TimeProvider.System, NullLogger<StoreMigrator>.Instance) { LockTimeout = TimeSpan.FromSeconds(1) };
        await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => migrator.EnsureMigratedAsync(TestContext.Current.CancellationToken));

        await ExecuteAsync(file, """DELETE FROM "__EFMigrationsLock";""");
        // The next try waits as long as the host's would: a busy machine is not a stale lock.
        var again = new StoreMigrator(SqliteStoreTests.Open(file), TimeProvider.System, NullLogger<StoreMigrator>.Instance);
        await again.EnsureMigratedAsync(TestContext.Current.CancellationToken);

        Assert.True(again.IsMigrated);
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
