namespace Dashboard.Web.Data.Team;

/// <summary>Whether this replica scans the team itself or shows what another one scanned (<see cref="IScanLease"/>).</summary>
public enum ScanRole
{
    /// <summary>SQLite (or no shared database): every process scans for itself, as one replica always did.</summary>
    Single,

    /// <summary>Holds the database's scan lock: scans on schedule and publishes each completed scan to the store.</summary>
    Leader,

    /// <summary>Another replica holds the lock: shows the team it published, loaded from the store, and scans nothing.</summary>
    Follower,

    /// <summary>The database has not answered for a while: scans on its own rather than show an ever older team.</summary>
    Isolated,
}
