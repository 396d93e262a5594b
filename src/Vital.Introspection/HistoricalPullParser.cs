using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>
/// Turns an upstream body into <see cref="HistoricalPullPage"/>, tolerating what real upstreams send:
/// missing optional fields, nulls, <c>Z</c>/offset/microsecond timestamps, numbers where strings were
/// expected (and the reverse), unknown fields and enum values, and every spelling of "no next page".
/// A body that is not JSON, or not this shape at all, is a <see cref="VitalErrorKind.MalformedResponse"/>.
/// </summary>
public static class HistoricalPullParser
{
    private static JsonSerializerOptions Options => LenientJson.Options;

    public static HistoricalPullPage Parse(ReadOnlySpan<byte> utf8Json)
    {
        WirePage? page;
        try
        {
            page = JsonSerializer.Deserialize<WirePage>(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }

        return Map(page);
    }

    public static async Task<HistoricalPullPage> ParseAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        WirePage? page;
        try
        {
            page = await JsonSerializer.DeserializeAsync<WirePage>(utf8Json, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }

        return Map(page);
    }

    public static HistoricalPullPage Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>The upstream's ways of saying "last page": null, missing, empty, or the string "None".</summary>
    public static string? NormalizeCursor(string? cursor) =>
        string.IsNullOrWhiteSpace(cursor) || string.Equals(cursor.Trim(), "None", StringComparison.OrdinalIgnoreCase)
            || string.Equals(cursor.Trim(), "null", StringComparison.OrdinalIgnoreCase)
            ? null
            : cursor;

    /// <summary>ISO-8601 with an offset, <c>Z</c>, or none (read as UTC); any fraction of a second. Unreadable: null.</summary>
    public static DateTimeOffset? ParseTimestamp(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text is "None" or "null")
        {
            return null;
        }

        var trimmed = text.AsSpan().Trim();
        if (IsoTimestamp.TryRead(trimmed, out var utc))
        {
            return utc;
        }

        return DateTimeOffset.TryParse(
            trimmed,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var value)
            ? value.ToUniversalTime()
            : null;
    }

    private static VitalApiException Malformed(Exception inner) => LenientJson.Malformed(inner);

    private static HistoricalPullPage Map(WirePage? page)
    {
        if (page?.Data is null)
        {
            throw Malformed(new JsonException("The body has no 'data' list."));
        }

        var users = new List<UserHistoricalPulls>(page.Data.Count);
        foreach (var user in page.Data)
        {
            if (user is null)
            {
                continue;
            }

            users.Add(MapUser(user));
        }

        return new HistoricalPullPage { Users = users, NextCursor = NormalizeCursor(page.NextCursor) };
    }

    private static UserHistoricalPulls MapUser(WireUser user)
    {
        var providers = new Dictionary<ProviderSlug, ProviderPulls>(user.Provider?.Count ?? 0);
        if (user.Provider is not null)
        {
            foreach (var (slug, provider) in user.Provider)
            {
                providers[new ProviderSlug(slug)] = MapProvider(provider);
            }
        }

        return new UserHistoricalPulls { UserId = user.UserId ?? string.Empty, Providers = providers };
    }

    private static ProviderPulls MapProvider(WireProvider? provider)
    {
        var pulled = new Dictionary<ResourceName, HistoricalPull>(provider?.Pulled?.Count ?? 0);
        if (provider?.Pulled is not null)
        {
            foreach (var (resource, pull) in provider.Pulled)
            {
                if (pull is not null)
                {
                    pulled[new ResourceName(resource)] = MapPull(pull);
                }
            }
        }

        var notPulled = provider?.NotPulled is null
            ? []
            : provider.NotPulled.Where(r => !string.IsNullOrEmpty(r)).Select(r => new ResourceName(r!)).Distinct().ToArray();

        return new ProviderPulls { Pulled = pulled, NotPulled = notPulled };
    }

    private static HistoricalPull MapPull(WirePull pull) => new()
    {
        Status = new PullStatus(pull.Status ?? string.Empty),
        RangeStart = pull.RangeStart,
        RangeEnd = pull.RangeEnd,
        DaysWithData = pull.DaysWithData ?? 0,
        Timeline = pull.Timeline is null
            ? PullTimeline.Empty
            : new PullTimeline
            {
                ScheduledAt = pull.Timeline.ScheduledAt,
                StartedAt = pull.Timeline.StartedAt,
                EndedAt = pull.Timeline.EndedAt,
            },
        Release = string.IsNullOrEmpty(pull.Release) ? null : pull.Release,
        TraceId = string.IsNullOrEmpty(pull.TraceId) ? null : pull.TraceId,
        ErrorDetails = string.IsNullOrEmpty(pull.ErrorDetails) ? null : new PullErrorDetails(pull.ErrorDetails),
    };

    // The wire shape, every member optional: the mapping above decides what a missing value means.
    private sealed class WirePage
    {
        [JsonPropertyName("data")] public List<WireUser?>? Data { get; set; }
        [JsonPropertyName("next_cursor")] public string? NextCursor { get; set; }
    }

    private sealed class WireUser
    {
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("provider")] public Dictionary<string, WireProvider?>? Provider { get; set; }
    }

    private sealed class WireProvider
    {
        [JsonPropertyName("pulled")] public Dictionary<string, WirePull?>? Pulled { get; set; }
        [JsonPropertyName("not_pulled")] public List<string?>? NotPulled { get; set; }
    }

    private sealed class WirePull
    {
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("range_start")] public DateTimeOffset? RangeStart { get; set; }
        [JsonPropertyName("range_end")] public DateTimeOffset? RangeEnd { get; set; }
        [JsonPropertyName("days_with_data")] public int? DaysWithData { get; set; }
        [JsonPropertyName("timeline")] public WireTimeline? Timeline { get; set; }
        [JsonPropertyName("release")] public string? Release { get; set; }
        [JsonPropertyName("trace_id")] public string? TraceId { get; set; }
        [JsonPropertyName("error_details")] public string? ErrorDetails { get; set; }
    }

    private sealed class WireTimeline
    {
        [JsonPropertyName("scheduled_at")] public DateTimeOffset? ScheduledAt { get; set; }
        [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; set; }
        [JsonPropertyName("ended_at")] public DateTimeOffset? EndedAt { get; set; }
    }
}
