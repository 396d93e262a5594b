using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>Reads the answers of <c>POST /v2/user/refresh/{user_id}</c> (200, 202 and the 400 refusal).</summary>
public static class RefreshParser
{
    /// <summary>Reads the body of a 200 (done), 202 (still running) or 400 (refused) answer.</summary>
    public static async Task<RefreshResult> ParseAsync(Stream utf8Json, System.Net.HttpStatusCode status, CancellationToken cancellationToken = default)
    {
        var body = await LenientJson.ReadAsync<WireBody>(utf8Json, cancellationToken).ConfigureAwait(false)
            ?? throw LenientJson.Malformed(new System.Text.Json.JsonException("The body is empty."));
        var refused = (int)status >= 400 || body.Success == false;
        return new RefreshResult
        {
            Success = !refused,
            Error = !string.IsNullOrWhiteSpace(body.Error) ? body.Error
                : !refused ? null
                // Not the refusal's shape but every endpoint's error shape (a user Vital does not know answers so).
                : body.Detail is { ValueKind: JsonValueKind.String } detail && !string.IsNullOrWhiteSpace(detail.GetString())
                    ? detail.GetString()
                : "Vital refused the refresh without saying why.",
            StillRunning = status == System.Net.HttpStatusCode.Accepted,
            Refreshed = LenientJson.Strings(body.RefreshedSources),
            InProgress = LenientJson.Strings(body.InProgressSources),
            Failed = LenientJson.Strings(body.FailedSources),
        };
    }

    public static RefreshResult Parse(string json, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK) =>
        ParseAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), status).GetAwaiter().GetResult();

    private sealed class WireBody
    {
        [JsonPropertyName("success")] public bool? Success { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
        [JsonPropertyName("detail")] public JsonElement? Detail { get; set; }
        [JsonPropertyName("refreshed_sources")] public List<string?>? RefreshedSources { get; set; }
        [JsonPropertyName("in_progress_sources")] public List<string?>? InProgressSources { get; set; }
        [JsonPropertyName("failed_sources")] public List<string?>? FailedSources { get; set; }
    }
}
