using Dashboard.Store.State;

namespace Dashboard.Store.Reading;

/// <summary>The latest stored team state of a scope, and the scan it comes from.</summary>
public sealed record StoredTeamState(long ScanId, DateTimeOffset CompletedAt, TeamState State);
