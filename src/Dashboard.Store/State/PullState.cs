namespace Dashboard.Store.State;

/// <summary>One historical pull as Vital described it (strings verbatim, times in UTC).</summary>
public sealed record PullState
{
    public required string Provider { get; init; }

    public required string Resource { get; init; }

    public required string Status { get; init; }

    public string? ErrorDetails { get; init; }

    public string? Release { get; init; }

    public string? TraceId { get; init; }

    public int DaysWithData { get; init; }

    public DateTimeOffset? ScheduledAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset? RangeStart { get; init; }

    public DateTimeOffset? RangeEnd { get; init; }
}
