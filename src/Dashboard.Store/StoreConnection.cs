using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Store;

/// <summary>
/// The connection string the store really uses: for SQLite a relative file is placed under the content root (and its
/// folder created), so <c>dotnet run</c> needs nothing installed. <see cref="Description"/> says where the data is
/// without the password, for the log.
/// </summary>
public sealed record StoreConnection(StoreProvider Provider, string ConnectionString, string Description)
{
    public static StoreConnection Resolve(StoreOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StoreProvider.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return new StoreConnection(StoreProvider.Postgres, postgres.ConnectionString, DescribePostgres(postgres));
        }

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={StoreOptions.DefaultSqliteFile}"
            : options.ConnectionString);
        var source = sqlite.DataSource;
        var inMemory = source.Length == 0 || source == ":memory:" || sqlite.Mode == SqliteOpenMode.Memory;
        if (!inMemory && !Path.IsPathRooted(source))
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        // Writers wait for a busy file rather than failing at once (a second process, a backup).
        if (sqlite.DefaultTimeout < 30)
        {
            sqlite.DefaultTimeout = 30;
        }

        return new StoreConnection(StoreProvider.Sqlite, sqlite.ConnectionString, inMemory ? "SQLite in memory" : $"SQLite file {sqlite.DataSource}");
    }

    /// <summary>The connection string parsed for <paramref name="provider"/>, or null when it cannot be.</summary>
    public static DbConnectionStringBuilder? TryParse(StoreProvider provider, string connectionString)
    {
        try
        {
            return provider == StoreProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(connectionString)
                : new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// What must never reach a log line: the whole connection string and the password inside it (a driver's message
    /// may quote either).
    /// </summary>
    public static IEnumerable<string> Secrets(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            yield break;
        }

        yield return connectionString;
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            yield break;
        }

        foreach (var key in new[] { "Password", "Pwd" })
        {
            if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } password)
            {
                yield return password;
            }
        }
    }

    /// <summary>The SQLite file, when the store is one (for creating its folder).</summary>
    public string? SqliteFile => Provider == StoreProvider.Sqlite
        && new SqliteConnectionStringBuilder(ConnectionString) is { DataSource: { Length: > 0 } file, Mode: not SqliteOpenMode.Memory }
        && file != ":memory:" ? file : null;

    private static string DescribePostgres(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL database {builder.Database ?? "(default)"} on {builder.Host ?? "(default host)"}:{builder.Port} as {builder.Username ?? "(default user)"}";
}
