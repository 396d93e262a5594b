using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The configured limits of the pull rules (<see cref="DiagnosisOptions"/>) and the decisions that rest on them alone,
/// so the diagnosis and the team-wide views judge a pull the same way. Boundaries: "older than" a limit is strictly
/// greater; coverage "below" the ratio is strictly less. Immutable.
/// </summary>
public sealed class PullThresholds(TimeSpan stuckScheduledAfter, TimeSpan stuckInProgressAfter, double lowCoverageRatio)
{
    /// <summary>A <c>scheduled</c> pull waiting longer than this is stuck.</summary>
    public TimeSpan StuckScheduledAfter { get; } = stuckScheduledAfter;

    /// <summary>An <c>in_progress</c> pull running longer than this is stuck.</summary>
    public TimeSpan StuckInProgressAfter { get; } = stuckInProgressAfter;

    /// <summary>A successful pull with data on fewer than this share of its range's days has low coverage.</summary>
    public double LowCoverageRatio { get; } = lowCoverageRatio;

    /// <summary>
    /// How long a pull has waited (<c>scheduled</c>: since <paramref name="scheduledAt"/>) or run (<c>in_progress</c>:
    /// since <paramref name="startedAt"/>, or since it was scheduled when Vital sent no start, which can only make it
    /// look older), as of <paramref name="asOf"/>; null for any other status or without the time to measure from.
    /// </summary>
    public static TimeSpan? Age(PullStatus status, DateTimeOffset? scheduledAt, DateTimeOffset? startedAt, DateTimeOffset asOf)
    {
        if (status == PullStatus.Scheduled)
        {
            return asOf - scheduledAt;
        }

        return status == PullStatus.InProgress ? asOf - (startedAt ?? scheduledAt) : null;
    }

    /// <summary>A <c>scheduled</c> or <c>in_progress</c> pull older than its limit.</summary>
    public bool IsStuck(PullStatus status, DateTimeOffset? scheduledAt, DateTimeOffset? startedAt, DateTimeOffset asOf) =>
        Age(status, scheduledAt, startedAt, asOf) is { } age
        && age > (status == PullStatus.Scheduled ? StuckScheduledAfter : StuckInProgressAfter);

    /// <summary>Data on fewer days than <see cref="LowCoverageRatio"/> of the range's days.</summary>
    public bool IsLowCoverage(double coverage) => coverage < LowCoverageRatio;

    /// <summary>Needs someone's attention: by its status (<see cref="StatusRanker.IsProblem"/>), or because it is stuck.</summary>
    public bool IsProblem(PullStatus status, DateTimeOffset? scheduledAt, DateTimeOffset? startedAt, DateTimeOffset asOf) =>
        StatusRanker.IsProblem(status) || IsStuck(status, scheduledAt, startedAt, asOf);
}
