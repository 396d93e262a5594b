using Dashboard.Store.State;

namespace Dashboard.Store.Reading;

/// <summary>
/// The latest stored team state of a scope, and the scan it comes from. Its users are read from the stored payload as
/// they are enumerated, straight off the database (<see cref="TeamStateSerializer.ReadUsers(Stream, int)"/> over
/// <see cref="StoreContext.OpenTeamStatePayloadAsync"/>): a restart builds the grid from them one at a time and never
/// holds the stored payload, nor a second copy of the team, in memory. Enumerate <see cref="Users"/> once, then dispose
/// the state: that gives back its database connection.
/// </summary>
public sealed record StoredTeamState(long ScanId, DateTimeOffset CompletedAt, int UserCount, IEnumerable<UserState> Users) : IAsyncDisposable
{
    /// <summary>What the users are read from (the payload's stream and its database context); null when they are in memory.</summary>
    internal IAsyncDisposable? Source { get; init; }

    public ValueTask DisposeAsync() => Source?.DisposeAsync() ?? ValueTask.CompletedTask;
}
