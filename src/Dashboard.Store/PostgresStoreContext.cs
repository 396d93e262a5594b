using Microsoft.EntityFrameworkCore;

namespace Dashboard.Store;

/// <summary>The store on PostgreSQL; its migrations are in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresStoreContext(DbContextOptions<PostgresStoreContext> options) : StoreContext(options)
{
    /// <summary>Any constant tells this lock apart from others the database may hold; the scope's hash picks the lock.</summary>
    private const int LockSpace = 0x5641_4C44; // "VALD"

    internal override Task LockScopeForWriteAsync(string scope, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, {StableHash(scope)})", cancellationToken);

    /// <summary>FNV-1a: the same number in every process (string.GetHashCode is randomized per process).</summary>
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
