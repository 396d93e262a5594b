namespace Dashboard.Store.State;

/// <summary>
/// The team as one completed scan saw it, in the store's own terms: what is kept as the latest state (so a restart
/// needs no scan) and what the next scan is compared with. The web project maps its snapshot to and from it in one
/// place (<c>Dashboard.Web/History/TeamStateMapping.cs</c>).
/// </summary>
public sealed record TeamState
{
    /// <summary>When the scan completed.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    public required IReadOnlyList<UserState> Users { get; init; }
}
