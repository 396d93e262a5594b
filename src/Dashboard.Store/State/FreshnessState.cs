namespace Dashboard.Store.State;

/// <summary>One resource's ongoing data (resources introspection), times in UTC.</summary>
public sealed record FreshnessState
{
    public required string Provider { get; init; }

    public required string Resource { get; init; }

    public DateTimeOffset? NewestData { get; init; }

    public DateTimeOffset? OldestData { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public string? LastAttemptStatus { get; init; }

    public int? SentCount { get; init; }
}
