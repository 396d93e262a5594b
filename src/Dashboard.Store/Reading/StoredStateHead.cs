namespace Dashboard.Store.Reading;

/// <summary>The latest stored team state of a scope without its payload: when its scan completed, and its users.</summary>
public sealed record StoredStateHead(DateTimeOffset CompletedAt, int Users);
