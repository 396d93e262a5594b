using Dashboard.Store.Tests.Support;

namespace Dashboard.Store.Tests;

public sealed class StoreConnectionTests
{
    [Fact]
    public void Resolve_NothingSet_SqliteFileUnderTheContentRoot()
    {
        var connection = StoreConnection.Resolve(new StoreOptions(), "/srv/dashboard");

        Assert.Equal(StoreProvider.Sqlite, connection.Provider);
        Assert.Equal("/srv/dashboard/data/dashboard.db", connection.SqliteFile);
        Assert.Equal("SQLite file /srv/dashboard/data/dashboard.db", connection.Description);
    }

    [Fact]
    public void Resolve_AbsoluteSqliteFile_Kept()
    {
        var connection = StoreConnection.Resolve(new StoreOptions { ConnectionString = "Data Source=/app/data/x.db" }, "/srv/dashboard");

        Assert.Equal("/app/data/x.db", connection.SqliteFile);
    }

    [Fact]
    public void Resolve_Postgres_DescriptionWithoutPassword()
    {
        var connection = StoreConnection.Resolve(
            new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;Database=dashboard;Username=dash;Password=s3cret-pa55word" }, "/srv");

        Assert.Equal("PostgreSQL database dashboard on db:5432 as dash", connection.Description);
        Assert.DoesNotContain("s3cret", connection.Description, StringComparison.Ordinal);
        Assert.Null(connection.SqliteFile);
    }

    [Fact]
    public void Secrets_ConnectionStringAndItsPassword()
    {
        const string value = "Host=db;Database=dashboard;Username=dash;Password=s3cret-pa55word";

        Assert.Equal([value, "s3cret-pa55word"], StoreConnection.Secrets(value));
        Assert.Empty(StoreConnection.Secrets(null));
        Assert.Equal(["Data Source=a.db"], StoreConnection.Secrets("Data Source=a.db"));
    }

    [Fact]
    public void Database_SqliteFolderMissing_Created()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "nested", "data", "dashboard.db");

        _ = new StoreDatabase(StoreConnection.Resolve(new StoreOptions { ConnectionString = $"Data Source={file}" }, folder.Path));

        Assert.True(Directory.Exists(Path.GetDirectoryName(file)));
    }
}
