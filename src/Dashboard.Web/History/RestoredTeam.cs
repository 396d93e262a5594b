using Dashboard.Web.Data.Team;

namespace Dashboard.Web.History;

/// <summary>
/// Which snapshot, if any, was loaded from the store rather than scanned here: at start, or on a follower the team the
/// scanning replica published (ADR 0017). It is shown, never recorded again.
/// </summary>
public sealed class RestoredTeam
{
    private TeamSnapshot? _snapshot;

    /// <summary>When the scan that produced the restored snapshot completed.</summary>
    public DateTimeOffset? CompletedAt => Volatile.Read(ref _snapshot)?.CompletedAt;

    public bool IsRestored(TeamSnapshot snapshot) => ReferenceEquals(Volatile.Read(ref _snapshot), snapshot);

    internal void Set(TeamSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);
}
