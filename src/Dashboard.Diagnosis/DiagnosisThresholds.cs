using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The configured limits of the pull rules (<see cref="DiagnosisOptions"/>) and the decisions that rest on them alone,
/// so the diagnosis and the team-wide views judge a pull the same way. Boundaries: "older than" a limit is strictly
/// greater; coverage "below" the ratio is strictly less. Immutable.
/// </summary>
public sealed class DiagnosisThresholds(
    TimeSpan stuckScheduledAfter,
    TimeSpan stuckInProgressAfter,
    double lowCoverageRatio,
    TimeSpan? staleAfter = null,
    IReadOnlyDictionary<string, TimeSpan>? staleAfterByProvider = null)
{
    /// <summary>An SDK provider's newest data older than this (but not stale) is a normal delay, worth saying so.</summary>
    public static readonly TimeSpan SdkDelayNoticeAfter = TimeSpan.FromHours(12);

    private readonly Dictionary<string, TimeSpan> _staleAfterByProvider = new(staleAfterByProvider ?? new Dictionary<string, TimeSpan>(), StringComparer.Ordinal);

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

    /// <summary>A resource's newest data older than this is stale, unless its provider has a limit of its own.</summary>
    public TimeSpan StaleAfter { get; } = staleAfter ?? TimeSpan.FromDays(3);

    /// <summary>The stale limit for <paramref name="provider"/>.</summary>
    public TimeSpan StaleAfterFor(string provider) =>
        _staleAfterByProvider.TryGetValue(provider, out var after) ? after : StaleAfter;

    /// <summary>Newest data older than the provider's stale limit (no data at all is not "stale": there is nothing to age).</summary>
    public bool IsStale(string provider, DateTimeOffset? newestData, DateTimeOffset asOf) =>
        newestData is { } newest && asOf - newest > StaleAfterFor(provider);

    /// <summary>Data on fewer days than <see cref="LowCoverageRatio"/> of the range's days.</summary>
    public bool IsLowCoverage(double coverage) => coverage < LowCoverageRatio;

    /// <summary>Needs someone's attention: by its status (<see cref="StatusRanker.IsProblem"/>), or because it is stuck.</summary>
    public bool IsProblem(PullStatus status, DateTimeOffset? scheduledAt, DateTimeOffset? startedAt, DateTimeOffset asOf) =>
        StatusRanker.IsProblem(status) || IsStuck(status, scheduledAt, startedAt, asOf);
}
