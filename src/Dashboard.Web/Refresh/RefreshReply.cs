using System.Text.Json;

namespace Dashboard.Web.Refresh;

/// <summary>
/// What the page shows after <c>POST /api/users/{userId}/refresh</c>, read from whatever came back: the outcome
/// (200, or a problem body carrying it), a problem without one (403, 400 for the token), or nothing at all.
/// </summary>
public sealed record RefreshReply
{
    /// <summary>The outcome's wire name (<c>refreshed</c>, <c>in_progress</c>, …), or null when there was none.</summary>
    public string? Outcome { get; init; }

    public required string Summary { get; init; }

    public IReadOnlyList<string> Refreshed { get; init; } = [];

    public IReadOnlyList<string> InProgress { get; init; } = [];

    public IReadOnlyList<string> Failed { get; init; } = [];

    public int? RefreshesLeft { get; init; }

    /// <summary>Vital took the request (200 or 202): the page reads the user again.</summary>
    public bool Accepted => Outcome is "refreshed" or "in_progress";

    /// <summary>Whether the refresh may have reached Vital, so the page should read the user again.</summary>
    public bool MayHaveChanged => Accepted || Outcome == "failed";

    public static RefreshReply Parse(int status, string? body)
    {
        if (status == 0)
        {
            return new RefreshReply { Summary = "The browser could not reach the dashboard to send the refresh. Check the connection and try again; Vital was not asked." };
        }

        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Unexpected(status);
            }

            var summary = Text(root, "summary") ?? Text(root, "detail") ?? Text(root, "title");
            if (summary is null)
            {
                return Unexpected(status);
            }

            return new RefreshReply
            {
                Outcome = Text(root, "outcome"),
                Summary = status == StatusCodes.Status403Forbidden ? "Only operators may ask Vital to refresh. " + summary : summary,
                Refreshed = List(root, "refreshed"),
                InProgress = List(root, "inProgress"),
                Failed = List(root, "failed"),
                RefreshesLeft = root.TryGetProperty("refreshesLeft", out var left) && left.TryGetInt32(out var n) ? n : null,
            };
        }
        catch (JsonException)
        {
            return Unexpected(status);
        }
    }

    private static RefreshReply Unexpected(int status) =>
        new() { Summary = $"The dashboard answered {status} without saying what happened. Reload the page to see what Vital holds now." };

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static IReadOnlyList<string> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
