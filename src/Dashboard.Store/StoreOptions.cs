namespace Dashboard.Store;

/// <summary>The history store's settings (section <c>Store</c>).</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>The SQLite file used when <see cref="ConnectionString"/> is not set, relative to the content root.</summary>
    public const string DefaultSqliteFile = "data/dashboard.db";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// A secret (it may hold a password): from the environment or <c>/run/secrets/Store__ConnectionString</c>, masked
    /// in every log line. Default for SQLite: <c>Data Source=data/dashboard.db</c> under the content root; required for
    /// PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Changes and scan summaries older than this many days are deleted in the background.</summary>
    public int RetentionDays { get; set; } = 90;
}
