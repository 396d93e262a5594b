namespace Dashboard.Store.Connections;

/// <summary>One connection of a user as read: the provider, Vital's status verbatim, and its <c>error_type</c> if any.</summary>
public sealed record ConnectionReading(string Provider, string Status, string? ErrorType = null);
