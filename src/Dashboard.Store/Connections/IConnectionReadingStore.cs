namespace Dashboard.Store.Connections;

/// <summary>
/// The connection sweep's readings and cursor. Every call may throw when the database fails; the sweep keeps its
/// readings in memory then and writes the next ones when it can.
/// </summary>
public interface IConnectionReadingStore
{
    /// <summary>The cursor and every stored reading of the scope.</summary>
    Task<StoredSweep> LoadAsync(string scope, CancellationToken cancellationToken);

    /// <summary>
    /// The cursor and the readings made at or after <paramref name="readSince"/> (all of them when null): how a replica
    /// that does not sweep follows the one that does.
    /// </summary>
    Task<StoredSweep> LoadSinceAsync(string scope, DateTimeOffset? readSince, CancellationToken cancellationToken);

    /// <summary>Replaces the user's reading and moves the cursor to <paramref name="cursor"/>, in one transaction.</summary>
    Task SaveAsync(string scope, UserConnections reading, SweepCursor cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the readings of every stored user <paramref name="inTeam"/> says is no longer in the team (they left it,
    /// or Vital no longer lists them); returns how many users' readings were deleted.
    /// </summary>
    Task<int> ForgetDepartedAsync(string scope, Func<string, bool> inTeam, CancellationToken cancellationToken);
}
