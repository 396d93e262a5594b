using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>
/// Reads a page of <c>GET /v2/introspect/resources</c>, tolerant like <see cref="HistoricalPullParser"/>: no
/// <c>pulled</c> level, <c>last_attempt</c> null or missing, and a last page with no <c>next_cursor</c> key at all.
/// </summary>
public static class ResourcesParser
{
    public static async Task<ResourcesPage> ParseAsync(Stream utf8Json, CancellationToken cancellationToken = default) =>
        Map(await LenientJson.ReadAsync<WirePage>(utf8Json, cancellationToken).ConfigureAwait(false));

    public static ResourcesPage Parse(string json) =>
        ParseAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).GetAwaiter().GetResult();

    private static ResourcesPage Map(WirePage? page)
    {
        if (page?.Data is null)
        {
            throw LenientJson.Malformed(new System.Text.Json.JsonException("The body has no 'data' list."));
        }

        return new ResourcesPage
        {
            Users = [.. page.Data.Where(u => u is not null).Select(u => MapUser(u!))],
            NextCursor = HistoricalPullParser.NormalizeCursor(page.NextCursor),
        };
    }

    private static UserResources MapUser(WireUser user)
    {
        var providers = new Dictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>>();
        foreach (var (slug, resources) in user.Provider ?? [])
        {
            if (slug.Length == 0)
            {
                continue;
            }

            providers[new ProviderSlug(slug)] = (resources ?? [])
                .Where(r => r.Key.Length > 0 && r.Value is not null)
                .ToDictionary(r => new ResourceName(r.Key), r => MapResource(r.Value!));
        }

        return new UserResources { UserId = user.UserId ?? string.Empty, Providers = providers };
    }

    private static ResourceFreshness MapResource(WireResource resource) => new()
    {
        LastAttempt = resource.LastAttempt is { } attempt
            ? new LastAttempt(attempt.Timestamp, new AttemptStatus(attempt.Status ?? string.Empty))
            : null,
        OldestData = resource.OldestData,
        NewestData = resource.NewestData,
        SentCount = resource.SentCount,
    };

    private sealed class WirePage
    {
        [JsonPropertyName("data")] public List<WireUser?>? Data { get; set; }
        [JsonPropertyName("next_cursor")] public string? NextCursor { get; set; }
    }

    private sealed class WireUser
    {
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("provider")] public Dictionary<string, Dictionary<string, WireResource?>?>? Provider { get; set; }
    }

    private sealed class WireResource
    {
        [JsonPropertyName("last_attempt")] public WireAttempt? LastAttempt { get; set; }
        [JsonPropertyName("oldest_data")] public DateTimeOffset? OldestData { get; set; }
        [JsonPropertyName("newest_data")] public DateTimeOffset? NewestData { get; set; }
        [JsonPropertyName("sent_count")] public int? SentCount { get; set; }
    }

    private sealed class WireAttempt
    {
        [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
    }
}
