using System.Text.Json.Serialization;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>The historical pull of one resource, as the upstream reported it, with a few derived values for the UI.</summary>
public sealed record ResourceDiagnosis
{
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    /// <summary>
    /// The historical pull's status verbatim (<c>success</c>, <c>error</c>, or a value this version does not know); null for
    /// a resource Vital holds ongoing data for but never pulled history of.
    /// </summary>
    [JsonPropertyName("status")]
    public required PullStatus? Status { get; init; }

    [JsonPropertyName("rangeStart"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? RangeStart { get; init; }

    [JsonPropertyName("rangeEnd"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? RangeEnd { get; init; }

    [JsonPropertyName("daysWithData")]
    public int DaysWithData { get; init; }

    [JsonPropertyName("scheduledAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? ScheduledAt { get; init; }

    [JsonPropertyName("startedAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("endedAt"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonPropertyName("release")]
    public string? Release { get; init; }

    [JsonPropertyName("traceId")]
    public string? TraceId { get; init; }

    [JsonPropertyName("errorDetails")]
    public string? ErrorDetails { get; init; }

    /// <summary>The resource's ongoing data; null when that source was not read or holds nothing for it.</summary>
    [JsonPropertyName("freshness")]
    public FreshnessDiagnosis? Freshness { get; init; }

    /// <summary>"heart rate", "sleep"; an unknown name verbatim.</summary>
    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ResourceDisplayName(Resource);

    /// <summary>Vital pulled this resource's history (else it only holds ongoing data for it).</summary>
    [JsonIgnore]
    public bool HasPull => Status is not null;

    /// <summary>"Failed", "Succeeded", "Unknown: paused"…</summary>
    [JsonIgnore]
    public string StatusDisplayName => Status is { } status ? StatusRanker.DisplayName(status) : "No historical pull";

    /// <summary>Whole days in [RangeStart, RangeEnd], a partial day counting as one; null without a positive range.</summary>
    [JsonIgnore]
    public int? DaysInRange => RangeDayCounter.Count(RangeStart, RangeEnd);

    /// <summary><see cref="DaysWithData"/> / <see cref="DaysInRange"/>; null without a positive range.</summary>
    [JsonIgnore]
    public double? Coverage => RangeDayCounter.Coverage(DaysWithData, RangeStart, RangeEnd);

    /// <summary>Scheduled to started, or to the diagnosis time while still scheduled; null when unknown or negative.</summary>
    [JsonIgnore]
    public TimeSpan? Waiting { get; init; }

    /// <summary>Started to ended, or to the diagnosis time while in progress or retrying; null when unknown or negative.</summary>
    [JsonIgnore]
    public TimeSpan? Running { get; init; }

    /// <summary>Data on fewer days than <see cref="DiagnosisOptions.LowCoverageRatio"/> of the range's (a successful pull with no data included).</summary>
    [JsonIgnore]
    public bool LowCoverage { get; init; }

    /// <summary>The worst finding about this pull, or <see cref="Severity.Ok"/>.</summary>
    [JsonIgnore]
    public Severity Severity { get; init; }

    /// <summary>The codes of the findings about this pull, in finding order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> FindingCodes { get; init; } = [];

    /// <summary>Provider notes that apply to this pull (Garmin, Dexcom, short windows), as attached to its findings.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Vital's default window for this provider and resource, in days; null when not documented.</summary>
    [JsonIgnore]
    public int? DefaultWindowDays { get; init; }

    /// <summary>Scheduled, in progress or retrying: the pull may still change on its own.</summary>
    [JsonIgnore]
    public bool IsActive => Status?.IsActive == true;

    /// <summary>The latest of scheduled, started and ended.</summary>
    [JsonIgnore]
    public DateTimeOffset? LatestActivity => new[] { ScheduledAt, StartedAt, EndedAt }.Max();
}
