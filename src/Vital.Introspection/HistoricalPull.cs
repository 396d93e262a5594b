namespace Vital.Introspection;

/// <summary>The historical pull of one resource from one provider.</summary>
public sealed record HistoricalPull
{
    public required PullStatus Status { get; init; }

    /// <summary>Start of the window being pulled; null while scheduled, for instance.</summary>
    public DateTimeOffset? RangeStart { get; init; }

    public DateTimeOffset? RangeEnd { get; init; }

    /// <summary>Days with data inside [RangeStart, RangeEnd]; a rough measure. 0 when absent.</summary>
    public int DaysWithData { get; init; }

    public required PullTimeline Timeline { get; init; }

    /// <summary>The Vital release the pull ran on, e.g. <c>0.0.0-dev.cd0e262</c>.</summary>
    public string? Release { get; init; }

    /// <summary>32 hex characters; what Vital support asks for when a pull failed.</summary>
    public string? TraceId { get; init; }

    public PullErrorDetails? ErrorDetails { get; init; }
}
