namespace Dashboard.Store.State;

/// <summary>A user's connection to one provider, its status verbatim.</summary>
public sealed record ConnectionState(string Provider, string Status);
