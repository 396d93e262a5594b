using System.Text.Json.Serialization;

namespace Dashboard.Web.Refresh;

/// <summary>
/// The answer to a manual refresh, for the page and for <c>POST /api/users/{userId}/refresh</c>: what Vital did with
/// each source (<c>provider/resource</c>), in words, and what is left of the hour's allowance.
/// </summary>
public sealed record ManualRefreshOutcome
{
    public required string UserId { get; init; }

    public required ManualRefreshKind Outcome { get; init; }

    /// <summary>One or two sentences a support person can act on.</summary>
    public required string Summary { get; init; }

    public IReadOnlyList<string> Refreshed { get; init; } = [];

    public IReadOnlyList<string> InProgress { get; init; } = [];

    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Refreshes this dashboard may still ask for this user this hour.</summary>
    public int RefreshesLeft { get; init; }

    /// <summary>When the next one may be asked, while none is left.</summary>
    public DateTimeOffset? NextRefreshAt { get; init; }

    /// <summary>How long Vital (or this dashboard) asked to wait, after a 429.</summary>
    [JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether Vital was asked at all (false: refused here, by the allowance).</summary>
    [JsonIgnore]
    public bool Sent { get; init; } = true;
}
