namespace Dashboard.Store.Connections;

/// <summary>A user's connections as last read (<see cref="Connections"/> empty: read, nothing connected), and when.</summary>
public sealed record UserConnections(string UserId, DateTimeOffset ReadAt, IReadOnlyList<ConnectionReading> Connections);
