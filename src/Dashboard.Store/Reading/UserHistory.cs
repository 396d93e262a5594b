namespace Dashboard.Store.Reading;

/// <summary>
/// What the history holds of one user: every item that changed (<see cref="Items"/>: pulls, connections, findings),
/// since when the history goes back (null: nothing recorded yet for the team), and whether older changes were left out.
/// </summary>
public sealed record UserHistory(IReadOnlyList<ItemHistory> Items, DateTimeOffset? HistoryStart, bool Truncated)
{
    public IEnumerable<ItemHistory> Pulls => Items.Where(i => i.IsPull);

    public IEnumerable<ItemHistory> Connections => Items.Where(i => i.IsConnection);

    /// <summary>The finding with this code, provider and resource, when the history holds a change of it.</summary>
    public ItemHistory? Finding(string code, string? provider, string? resource) =>
        Items.FirstOrDefault(i => i.IsFinding && i.Code == code && i.Provider == provider && i.Resource == resource);
}
