namespace Dashboard.Store.Model;

/// <summary>
/// The latest team state of a scope (table <c>team_state</c>, one row per scope): the whole team in compact form
/// (<see cref="State.TeamStateSerializer"/>), so a restart shows the grid without a scan and the next scan is compared
/// with it.
/// </summary>
public sealed class TeamStateRecord
{
    public required string Scope { get; set; }

    /// <summary>The scan the state comes from.</summary>
    public long ScanId { get; set; }

    /// <summary>When that scan completed.</summary>
    public DateTimeOffset CompletedAt { get; set; }

    public int Users { get; set; }

    /// <summary>The payload's format version (<see cref="State.TeamStateSerializer.Format"/>).</summary>
    public int Format { get; set; }

    public required byte[] Payload { get; set; }
}
