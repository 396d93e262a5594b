using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>Reads <c>GET /v2/user/providers/{user_id}</c>: <c>{ providers: [Connection] }</c>, tolerant like <see cref="HistoricalPullParser"/>.</summary>
public static class ConnectionsParser
{
    /// <summary>How much of an error message is kept.</summary>
    private const int MaxMessageLength = 500;

    public static async Task<IReadOnlyList<ProviderConnection>> ParseAsync(Stream utf8Json, CancellationToken cancellationToken = default) =>
        Map(await LenientJson.ReadAsync<WireBody>(utf8Json, cancellationToken).ConfigureAwait(false));

    public static IReadOnlyList<ProviderConnection> Parse(string json) =>
        ParseAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).GetAwaiter().GetResult();

    private static List<ProviderConnection> Map(WireBody? body)
    {
        if (body?.Providers is null)
        {
            throw LenientJson.Malformed(new System.Text.Json.JsonException("The body has no 'providers' list."));
        }

        return
        [
            .. body.Providers
                .Where(p => p?.Slug is { Length: > 0 })
                .Select(p => new ProviderConnection
                {
                    Provider = new ProviderSlug(p!.Slug!),
                    Name = string.IsNullOrWhiteSpace(p.Name) ? null : p.Name,
                    CreatedOn = p.CreatedOn,
                    Status = new ConnectionStatus(p.Status ?? string.Empty),
                    ExternalUserId = string.IsNullOrEmpty(p.ExternalUserId) ? null : p.ExternalUserId,
                    Error = p.ErrorDetails is { } error ? MapError(error) : null,
                    Resources = (p.ResourceAvailability ?? [])
                        .Where(r => r.Key.Length > 0 && r.Value is not null)
                        .ToDictionary(r => new ResourceName(r.Key), r => MapAvailability(r.Value!)),
                }),
        ];
    }

    private static ConnectionError MapError(WireError error) => new()
    {
        Type = new ConnectionErrorType(error.ErrorType ?? string.Empty),
        Message = error.ErrorMessage is { Length: > MaxMessageLength } text ? string.Concat(text.AsSpan(0, MaxMessageLength), "…") : error.ErrorMessage,
        ErroredAt = error.ErroredAt,
    };

    private static ResourceAvailability MapAvailability(WireAvailability availability) => new()
    {
        Status = new AvailabilityStatus(availability.Status ?? string.Empty),
        DeniedRequiredScopes = LenientJson.Strings(availability.ScopeRequirements?.UserDenied?.Required),
        DeniedOptionalScopes = LenientJson.Strings(availability.ScopeRequirements?.UserDenied?.Optional),
        GrantedRequiredScopes = LenientJson.Strings(availability.ScopeRequirements?.UserGranted?.Required),
        GrantedOptionalScopes = LenientJson.Strings(availability.ScopeRequirements?.UserGranted?.Optional),
    };

    private sealed class WireBody
    {
        [JsonPropertyName("providers")] public List<WireConnection?>? Providers { get; set; }
    }

    private sealed class WireConnection
    {
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("slug")] public string? Slug { get; set; }
        [JsonPropertyName("created_on")] public DateTimeOffset? CreatedOn { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("external_user_id")] public string? ExternalUserId { get; set; }
        [JsonPropertyName("error_details")] public WireError? ErrorDetails { get; set; }
        [JsonPropertyName("resource_availability")] public Dictionary<string, WireAvailability?>? ResourceAvailability { get; set; }
    }

    private sealed class WireError
    {
        [JsonPropertyName("error_type")] public string? ErrorType { get; set; }
        [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
        [JsonPropertyName("errored_at")] public DateTimeOffset? ErroredAt { get; set; }
    }

    private sealed class WireAvailability
    {
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("scope_requirements")] public WireScopes? ScopeRequirements { get; set; }
    }

    private sealed class WireScopes
    {
        [JsonPropertyName("user_granted")] public WireScopeList? UserGranted { get; set; }
        [JsonPropertyName("user_denied")] public WireScopeList? UserDenied { get; set; }
    }

    private sealed class WireScopeList
    {
        [JsonPropertyName("required")] public List<string?>? Required { get; set; }
        [JsonPropertyName("optional")] public List<string?>? Optional { get; set; }
    }
}
