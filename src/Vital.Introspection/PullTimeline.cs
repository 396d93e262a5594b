namespace Vital.Introspection;

/// <summary>When a pull was scheduled, started and ended (completed in full, every webhook sent).</summary>
public sealed record PullTimeline
{
    public static PullTimeline Empty { get; } = new();

    /// <summary>Required by the spec; null only when an upstream leaves it out or sends something unreadable.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}
