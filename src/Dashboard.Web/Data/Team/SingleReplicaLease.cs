namespace Dashboard.Web.Data.Team;

/// <summary>No database shared between replicas (SQLite): this process always scans the team itself.</summary>
public sealed class SingleReplicaLease : IScanLease
{
    public static SingleReplicaLease Instance { get; } = new();

    private SingleReplicaLease()
    {
    }

    public ScanRole Role => ScanRole.Single;
}
