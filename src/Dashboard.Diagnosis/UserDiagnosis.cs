using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

// UserDiagnosis and the records it holds are the diagnosis JSON (docs/ARCHITECTURE.md). Property names are pinned
// with [JsonPropertyName] so the documented shape holds whatever naming policy a caller uses; members for the UI only
// are [JsonIgnore]. Write it with DiagnosisJson.Options. All times are UTC.

/// <summary>One user's diagnosis: what is wrong with their historical pulls, if anything, and what to do.</summary>
public sealed record UserDiagnosis
{
    [JsonPropertyName("userId")]
    public required string UserId { get; init; }

    /// <summary>The customer's own id for the user, when the user was read.</summary>
    [JsonPropertyName("clientUserId")]
    public string? ClientUserId { get; init; }

    [JsonPropertyName("teamId")]
    public string? TeamId { get; init; }

    /// <summary><c>production</c> or <c>sandbox</c>, from the API key; set by the web layer; null when unknown (demo mode, a key without a known prefix).</summary>
    [JsonPropertyName("environment")]
    public string? Environment { get; init; }

    /// <summary><c>us</c> or <c>eu</c>, from the API key; set by the web layer.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

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

    /// <summary>Severity (critical first), then source in support's order, then provider, then resource (provider-wide first), then code.</summary>
    [JsonPropertyName("findings")]
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The user as Vital holds them; null when not read or not found.</summary>
    [JsonPropertyName("user")]
    public UserProfile? User { get; init; }

    /// <summary>The user's connections, by provider slug; empty when not read.</summary>
    [JsonPropertyName("connections")]
    public IReadOnlyList<ConnectionDiagnosis> Connections { get; init; } = [];

    /// <summary>How reading each source went.</summary>
    [JsonPropertyName("sources")]
    public DiagnosisSources? Sources { get; init; }

    /// <summary>A link to the user's page; set by the web layer (<c>with { Link = … }</c>).</summary>
    [JsonPropertyName("link")]
    public string? Link { get; init; }

    /// <summary>How many resources were pulled, over all providers.</summary>
    [JsonIgnore]
    public int PullCount => Providers.Sum(p => p.Resources.Count(r => r.HasPull));

    /// <summary>Something is scheduled, in progress or retrying: worth refreshing.</summary>
    [JsonIgnore]
    public bool HasActivePulls => Providers.Any(p => p.Resources.Any(r => r.IsActive));

    /// <summary>The most recent time on any pull's timeline, or null when there is none.</summary>
    [JsonIgnore]
    public DateTimeOffset? LatestActivity => Providers
        .SelectMany(p => p.Resources)
        .Select(r => r.LatestActivity)
        .Max();

    /// <summary>The provider that needs attention most (the first, by slug, of the worst severity); null without providers.</summary>
    [JsonIgnore]
    public string? MostSevereProvider => Providers.Count == 0 ? null : Providers.MaxBy(p => p.Severity)!.Provider;

    /// <summary>Any critical or warning finding.</summary>
    [JsonIgnore]
    public bool NeedsAttention => Overall.NeedsAttention();
}
