using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Store.Hosting;

/// <summary>A database failure in words for an operator: what it means, never the connection string or a server's own message.</summary>
public static class StoreFailure
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case MigrationLockTimeoutException timeout:
                    return timeout.Message;
                case SqliteException { SqliteErrorCode: 13 }:
                    return "the database's disk is full";
                case SqliteException { SqliteErrorCode: 8 }:
                    return "the database file is read-only";
                case SqliteException { SqliteErrorCode: 14 }:
                    return "the database file cannot be opened (does its folder exist, and may the dashboard write there?)";
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return "the database file is locked by another process";
                case SqliteException { SqliteErrorCode: 11 or 26 }:
                    return "the database file is damaged or not a database";
                case PostgresException { SqlState: "53100" }:
                    return "the database server's disk is full";
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return "the database server refused the user name or password";
                case PostgresException { SqlState: "3D000" }:
                    return "the database named in Store:ConnectionString does not exist";
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" }:
                    return "the database server is shutting down or starting";
                case SocketException or TimeoutException:
                    return "the database server cannot be reached";
                case NpgsqlException { IsTransient: true }:
                    return "the database server cannot be reached";
                default:
                    break;
            }
        }

        return $"the database could not be written ({exception.GetType().Name})";
    }
}
