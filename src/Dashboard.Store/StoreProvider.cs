namespace Dashboard.Store;

/// <summary>The database behind the history store (<c>Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>A file beside the app (<c>data/dashboard.db</c> by default): nothing to install, one replica.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several replicas share it.</summary>
    Postgres,
}
