namespace Dashboard.Store.Reading;

/// <summary>One recorded change of an item: <see cref="From"/> null when it appeared, <see cref="To"/> null when it cleared.</summary>
public sealed record ItemChange(DateTimeOffset SeenAt, string? From, string? To);
