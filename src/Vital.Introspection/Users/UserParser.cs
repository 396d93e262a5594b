using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>
/// Reads the user object of <c>GET /v2/user/{user_id}</c> and <c>GET /v2/user/resolve/{client_user_id}</c>, tolerant
/// like <see cref="HistoricalPullParser"/>. A connected source names its provider in <c>provider</c> (the schema) or
/// <c>source</c> (the spec's own example, and the deprecated name): either is read.
/// </summary>
public static class UserParser
{
    public static async Task<VitalUser> ParseAsync(Stream utf8Json, CancellationToken cancellationToken = default) =>
        Map(await LenientJson.ReadAsync<WireUser>(utf8Json, cancellationToken).ConfigureAwait(false));

    public static VitalUser Parse(string json) =>
        ParseAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).GetAwaiter().GetResult();

    private static VitalUser Map(WireUser? user)
    {
        if (user?.UserId is not { Length: > 0 } userId)
        {
            throw LenientJson.Malformed(new System.Text.Json.JsonException("The body has no 'user_id'."));
        }

        return new VitalUser
        {
            UserId = userId,
            TeamId = Blank(user.TeamId),
            ClientUserId = user.ClientUserId,
            CreatedOn = user.CreatedOn,
            ConnectedSources =
            [
                .. (user.ConnectedSources ?? [])
                    .Select(s => (Source: s, Provider: s?.Provider ?? s?.Source))
                    .Where(s => s.Provider?.Slug is { Length: > 0 })
                    .Select(s => new ConnectedSource
                    {
                        Provider = new ProviderSlug(s.Provider!.Slug!),
                        Name = Blank(s.Provider.Name),
                        CreatedOn = s.Source!.CreatedOn,
                    }),
            ],
            FallbackTimeZone = Blank(user.FallbackTimeZone?.Id),
            IngestionStart = LenientJson.ParseDate(user.IngestionStart),
            IngestionEnd = LenientJson.ParseDate(user.IngestionEnd),
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed class WireUser
    {
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("team_id")] public string? TeamId { get; set; }
        [JsonPropertyName("client_user_id")] public string? ClientUserId { get; set; }
        [JsonPropertyName("created_on")] public DateTimeOffset? CreatedOn { get; set; }
        [JsonPropertyName("connected_sources")] public List<WireSource?>? ConnectedSources { get; set; }
        [JsonPropertyName("fallback_time_zone")] public WireTimeZone? FallbackTimeZone { get; set; }
        [JsonPropertyName("ingestion_start")] public string? IngestionStart { get; set; }
        [JsonPropertyName("ingestion_end")] public string? IngestionEnd { get; set; }
    }

    private sealed class WireSource
    {
        [JsonPropertyName("provider")] public WireProvider? Provider { get; set; }
        [JsonPropertyName("source")] public WireProvider? Source { get; set; }
        [JsonPropertyName("created_on")] public DateTimeOffset? CreatedOn { get; set; }
    }

    private sealed class WireProvider
    {
        [JsonPropertyName("slug")] public string? Slug { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
    }

    private sealed class WireTimeZone
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
    }
}
