using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

// The records below are the diagnosis JSON of ARCHITECTURE.md. Property names are pinned with [JsonPropertyName]
// so the documented shape holds whatever naming policy a caller uses; members for the UI only are [JsonIgnore].
// All times are UTC.

/// <summary>One user's diagnosis: what is wrong with their historical pulls, if anything, and what to do.</summary>
public sealed record UserDiagnosis
{
    [JsonPropertyName("userId")]
    public required string UserId { get; init; }

    /// <summary>The moment the rules were applied; durations ("stuck for 8 hours") are measured to it.</summary>
    [JsonPropertyName("asOf"), JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The worst finding's severity, or <see cref="Severity.Ok"/> when there is none.</summary>
    [JsonPropertyName("overall")]
    public required Severity Overall { get; init; }

    /// <summary>A short summary such as "1 failed pull, 2 retrying" or "All 6 pulls succeeded".</summary>
    [JsonPropertyName("headline")]
    public required string Headline { get; init; }

    /// <summary>Sorted by slug (ordinal).</summary>
    [JsonPropertyName("providers")]
    public required IReadOnlyList<ProviderDiagnosis> Providers { get; init; }

    /// <summary>Severity (critical first), then provider, then resource (provider-wide first), then code.</summary>
    [JsonPropertyName("findings")]
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>A link to the user's page; set by the web layer (<c>with { Link = … }</c>).</summary>
    [JsonPropertyName("link")]
    public string? Link { get; init; }

    /// <summary>How many resources were pulled, over all providers.</summary>
    [JsonIgnore]
    public int PullCount => Providers.Sum(p => p.Resources.Count);

    /// <summary>Something is scheduled, in progress or retrying: worth refreshing.</summary>
    [JsonIgnore]
    public bool HasActivePulls => Providers.Any(p => p.Resources.Any(r => r.IsActive));

    /// <summary>The most recent time on any pull's timeline, or null when there is none.</summary>
    [JsonIgnore]
    public DateTimeOffset? LatestActivity => Providers
        .SelectMany(p => p.Resources)
        .Select(r => r.LatestActivity)
        .Max();

    /// <summary>Any critical or warning finding.</summary>
    [JsonIgnore]
    public bool NeedsAttention => Overall >= Severity.Warning;
}

/// <summary>What one provider pulled for the user, and what it did not.</summary>
public sealed record ProviderDiagnosis
{
    /// <summary>The provider slug, verbatim (e.g. <c>oura</c>).</summary>
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary>
    /// The worst status of its pulls by <see cref="StatusOrder"/>, verbatim; null when the provider pulled no
    /// resource at all (only <c>not_pulled</c> entries).
    /// </summary>
    [JsonPropertyName("worstStatus")]
    public required string? WorstStatus { get; init; }

    /// <summary>Sorted by resource name (ordinal).</summary>
    [JsonPropertyName("resources")]
    public required IReadOnlyList<ResourceDiagnosis> Resources { get; init; }

    /// <summary>Resources the provider did not pull, sorted (ordinal), without duplicates.</summary>
    [JsonPropertyName("notPulled")]
    public required IReadOnlyList<string> NotPulled { get; init; }

    /// <summary>"Oura", "Apple HealthKit"; an unknown slug verbatim.</summary>
    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ProviderDisplayName(Provider);

    /// <summary>"Failed", "In progress"…; null when nothing was pulled.</summary>
    [JsonIgnore]
    public string? WorstStatusDisplayName => WorstStatus is null ? null : StatusOrder.DisplayName(WorstStatus);

    /// <summary>The worst finding about this provider or any of its resources.</summary>
    [JsonIgnore]
    public Severity Severity { get; init; }
}

/// <summary>The historical pull of one resource, as the upstream reported it, with a few derived values for the UI.</summary>
public sealed record ResourceDiagnosis
{
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    /// <summary>The upstream status verbatim (<c>success</c>, <c>error</c>, or a value this version does not know).</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

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

    /// <summary>"heart rate", "sleep"; an unknown name verbatim.</summary>
    [JsonIgnore]
    public string DisplayName => ProviderKnowledge.ResourceDisplayName(Resource);

    /// <summary>"Failed", "Succeeded", "Unknown: paused"…</summary>
    [JsonIgnore]
    public string StatusDisplayName => StatusOrder.DisplayName(Status);

    /// <summary>Whole days in [RangeStart, RangeEnd], a partial day counting as one; null without a positive range.</summary>
    [JsonIgnore]
    public int? DaysInRange => RangeDays.Count(RangeStart, RangeEnd);

    /// <summary><see cref="DaysWithData"/> / <see cref="DaysInRange"/>; null without a positive range.</summary>
    [JsonIgnore]
    public double? Coverage => DaysInRange is { } days ? (double)DaysWithData / days : null;

    /// <summary>Scheduled to started, or to the diagnosis time while still scheduled; null when unknown or negative.</summary>
    [JsonIgnore]
    public TimeSpan? Waiting { get; init; }

    /// <summary>Started to ended, or to the diagnosis time while in progress or retrying; null when unknown or negative.</summary>
    [JsonIgnore]
    public TimeSpan? Running { get; init; }

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
    public bool IsActive => Status is "scheduled" or "in_progress" or "retrying";

    /// <summary>The latest of scheduled, started and ended.</summary>
    [JsonIgnore]
    public DateTimeOffset? LatestActivity => new[] { ScheduledAt, StartedAt, EndedAt }.Max();
}

/// <summary>One thing a support person should know about a user's pulls, with what it means and what to do.</summary>
public sealed record Finding
{
    /// <summary>One of <see cref="Diagnosis.FindingCodes"/>.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("severity")]
    public required Severity Severity { get; init; }

    /// <summary>The provider slug, or null for a finding about the whole user.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>The resource name, or null for a finding about a whole provider or user.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    /// <summary>Short: "Oura sleep pull failed".</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>What it means, in words a new support hire understands.</summary>
    [JsonPropertyName("explanation")]
    public required string Explanation { get; init; }

    /// <summary>The next step.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    [JsonPropertyName("evidence")]
    public required FindingEvidence Evidence { get; init; }
}

/// <summary>The values a finding rests on. Members that do not apply are null and left out of the JSON.</summary>
public sealed record FindingEvidence
{
    public static FindingEvidence None { get; } = new();

    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonPropertyName("scheduledAt"), JsonConverter(typeof(UtcTimestampJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ScheduledAt { get; init; }

    [JsonPropertyName("startedAt"), JsonConverter(typeof(UtcTimestampJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("endedAt"), JsonConverter(typeof(UtcTimestampJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonPropertyName("rangeStart"), JsonConverter(typeof(UtcTimestampJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RangeStart { get; init; }

    [JsonPropertyName("rangeEnd"), JsonConverter(typeof(UtcTimestampJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RangeEnd { get; init; }

    [JsonPropertyName("daysWithData"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DaysWithData { get; init; }

    [JsonPropertyName("daysInRange"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DaysInRange { get; init; }

    /// <summary>days_with_data / days in range, rounded to three decimals.</summary>
    [JsonPropertyName("coverage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Coverage { get; init; }

    [JsonPropertyName("traceId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceId { get; init; }

    [JsonPropertyName("release"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Release { get; init; }

    [JsonPropertyName("errorDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorDetails { get; init; }

    /// <summary>The resources of a <c>resources_not_pulled</c> finding, sorted.</summary>
    [JsonPropertyName("resources"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Hours from scheduled to started (or to the diagnosis time while still scheduled), one decimal.</summary>
    [JsonPropertyName("hoursWaiting"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HoursWaiting { get; init; }

    /// <summary>Hours from started (or scheduled, when no start was sent) to the diagnosis time, one decimal.</summary>
    [JsonPropertyName("hoursRunning"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HoursRunning { get; init; }

    /// <summary>The configured limit a stuck pull went past, in hours.</summary>
    [JsonPropertyName("thresholdHours"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ThresholdHours { get; init; }

    /// <summary>What is wrong with a timeline, one sentence per problem (<c>timeline_anomaly</c>).</summary>
    [JsonPropertyName("anomalies"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Anomalies { get; init; }

    /// <summary>What Vital documents about this provider that bears on the finding (Garmin, Dexcom, short windows).</summary>
    [JsonPropertyName("providerNote"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProviderNote { get; init; }
}
