using Dashboard.Store.State;

namespace Dashboard.Store.Reading;

/// <summary>
/// The latest stored team state of a scope, and the scan it comes from. Its users are read from the stored payload as
/// they are enumerated (<see cref="TeamStateSerializer.ReadUsers(byte[], int)"/>): a restart builds the grid from them one at a time
/// and never holds the stored team a second time in memory.
/// </summary>
public sealed record StoredTeamState(long ScanId, DateTimeOffset CompletedAt, int UserCount, IEnumerable<UserState> Users);
