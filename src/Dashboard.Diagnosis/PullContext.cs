using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>One pull with everything the rules derive from it, computed once. Times are UTC.</summary>
internal sealed class PullContext
{
    public PullContext(string userId, string provider, string resource, HistoricalPull pull, DateTimeOffset asOf)
    {
        UserId = userId;
        Provider = provider;
        Resource = resource;
        Pull = pull;
        AsOf = asOf;
        ProviderName = ProviderKnowledge.ProviderDisplayName(provider);
        ResourceName = ProviderKnowledge.ResourceDisplayName(resource);
        Status = pull.Status;
        ScheduledAt = pull.Timeline?.ScheduledAt?.ToUniversalTime();
        StartedAt = pull.Timeline?.StartedAt?.ToUniversalTime();
        EndedAt = pull.Timeline?.EndedAt?.ToUniversalTime();
        RangeStart = pull.RangeStart?.ToUniversalTime();
        RangeEnd = pull.RangeEnd?.ToUniversalTime();
        DaysInRange = RangeDayCounter.Count(RangeStart, RangeEnd);
        Coverage = RangeDayCounter.Coverage(pull.DaysWithData, RangeStart, RangeEnd);

        var waitedUntil = StartedAt ?? (Status == PullStatus.Scheduled ? asOf : null);
        Waiting = NonNegative(waitedUntil - ScheduledAt);

        var ranUntil = EndedAt ?? (Status == PullStatus.InProgress || Status == PullStatus.Retrying ? asOf : null);
        Running = NonNegative(ranUntil - StartedAt);
    }

    public string UserId { get; }

    public string Provider { get; }

    public string Resource { get; }

    public HistoricalPull Pull { get; }

    public DateTimeOffset AsOf { get; }

    public string ProviderName { get; }

    public string ResourceName { get; }

    /// <summary>"Oura sleep": the start of most titles.</summary>
    public string Subject => $"{ProviderName} {ResourceName}";

    public PullStatus Status { get; }

    public DateTimeOffset? ScheduledAt { get; }

    public DateTimeOffset? StartedAt { get; }

    public DateTimeOffset? EndedAt { get; }

    public DateTimeOffset? RangeStart { get; }

    public DateTimeOffset? RangeEnd { get; }

    public int? DaysInRange { get; }

    public double? Coverage { get; }

    public TimeSpan? Waiting { get; }

    public TimeSpan? Running { get; }

    /// <summary>"the trace id … and release …", or what to give Vital instead when there is no trace id.</summary>
    public string EscalationDetails
    {
        get
        {
            if (Pull.TraceId is { } traceId)
            {
                return Pull.Release is { } release
                    ? $"the trace id {traceId} and release {release}"
                    : $"the trace id {traceId}";
            }

            var when = ScheduledAt is { } scheduled ? $" and the time it was scheduled ({TextFormatter.Utc(scheduled)})" : string.Empty;
            var release2 = Pull.Release is { } r ? $", release {r}" : string.Empty;
            return $"the user id {UserId}, provider {Provider}, resource {Resource}{when}{release2} (Vital sent no trace id for this pull)";
        }
    }

    /// <summary>The values every pull finding shows: status, timeline, trace id, release, error details.</summary>
    public FindingEvidence BaseEvidence => new()
    {
        Status = Status,
        ScheduledAt = ScheduledAt,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        TraceId = Pull.TraceId,
        Release = Pull.Release,
        ErrorDetails = Pull.ErrorDetails is { Value.Length: > 0 } details ? details.Value : null,
    };

    /// <summary>The range and days with data, for findings about what a pull found.</summary>
    public FindingEvidence WithRange(FindingEvidence evidence) => evidence with
    {
        RangeStart = RangeStart,
        RangeEnd = RangeEnd,
        DaysWithData = Pull.DaysWithData,
        DaysInRange = DaysInRange,
        Coverage = Coverage is { } coverage ? Math.Round(coverage, 3) : null,
    };

    /// <summary>"from 2025-06-01 00:00 UTC to 2025-11-28 00:00 UTC", or empty when the range is unknown.</summary>
    public string RangeText => RangeStart is { } start && RangeEnd is { } end
        ? $" from {TextFormatter.Utc(start)} to {TextFormatter.Utc(end)}"
        : string.Empty;

    private static TimeSpan? NonNegative(TimeSpan? duration) => duration is { } d && d >= TimeSpan.Zero ? d : null;
}
