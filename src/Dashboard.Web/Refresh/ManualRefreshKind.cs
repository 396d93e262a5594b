using System.Text.Json.Serialization;

namespace Dashboard.Web.Refresh;

/// <summary>How a manual refresh ended, as the page and the API's <c>outcome</c> name it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ManualRefreshKind>))]
public enum ManualRefreshKind
{
    /// <summary>Vital answered 200: every source it could reach was asked.</summary>
    [JsonStringEnumMemberName("refreshed")]
    Refreshed,

    /// <summary>Vital answered 202: some sources were still being refreshed when it stopped waiting.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    /// <summary>Vital refused (400: for instance, no connected source; or no such user). Asking again will not help.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,

    /// <summary>Vital answered 429: its own limit of refreshes for this user is reached.</summary>
    [JsonStringEnumMemberName("rate_limited_by_vital")]
    RateLimitedByVital,

    /// <summary>This dashboard already asked <see cref="RefreshAllowance.PerUserPerHour"/> times this hour: Vital was not asked.</summary>
    [JsonStringEnumMemberName("limit_reached")]
    LimitReached,

    /// <summary>Vital could not be reached or failed; whether it refreshed is unknown.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
