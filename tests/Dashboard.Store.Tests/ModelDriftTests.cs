using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Store.Tests;

/// <summary>
/// Each provider's migration set matches the model: change an entity without `dotnet ef migrations add` for both
/// providers (README, "History store") and this fails. No database is needed.
/// </summary>
public sealed class ModelDriftTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var context = new SqliteStoreContextDesignFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: dotnet ef migrations add <Name> --project src/Dashboard.Store --context SqliteStoreContext --output-dir Migrations/Sqlite");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var context = new PostgresStoreContextDesignFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --project src/Dashboard.Store --context PostgresStoreContext --output-dir Migrations/Postgres");
    }

    [Fact]
    public void MigrationSets_SameNamesForBothProviders()
    {
        using var sqlite = new SqliteStoreContextDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresStoreContextDesignFactory().CreateDbContext([]);

        Assert.Equal(Names(sqlite), Names(postgres));

        static IEnumerable<string> Names(DbContext context) => context.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);
    }

    [Fact]
    public void Migrations_EachInItsProvidersNamespace()
    {
        var migrations = typeof(StoreContext).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Migration))).ToList();

        Assert.NotEmpty(migrations);
        Assert.All(migrations, m =>
        {
            var context = m.GetCustomAttributes(typeof(DbContextAttribute), false).Cast<DbContextAttribute>().Single().ContextType;
            var provider = context == typeof(SqliteStoreContext) ? "Sqlite" : "Postgres";
            Assert.Equal($"Dashboard.Store.Migrations.{provider}", m.Namespace);
        });
    }
}
