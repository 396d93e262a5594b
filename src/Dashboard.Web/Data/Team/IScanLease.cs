namespace Dashboard.Web.Data.Team;

/// <summary>
/// Which replica scans the team: with PostgreSQL only the holder of a database lock does and the others show its
/// published result (ADR 0017); otherwise every process scans, as before.
/// </summary>
public interface IScanLease
{
    ScanRole Role { get; }

    /// <summary>Whether this replica may start a team scan now.</summary>
    bool MayScan => Role != ScanRole.Follower;
}
