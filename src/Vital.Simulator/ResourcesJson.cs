using System.Text.Json;
using static Vital.Simulator.HistoricalPullJson;

namespace Vital.Simulator;

/// <summary>
/// <c>GET /v2/introspect/resources</c>: <c>{"data": [{"user_id", "provider": {slug: {resource: stats}}}], "next", "next_cursor"}</c>,
/// written like <see cref="HistoricalPullJson"/> (every key present, nulls included).
/// </summary>
internal static class ResourcesJson
{
    public static byte[] Page(IReadOnlyList<SimulatedAccount> users, string? nextCursor) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var user in users)
        {
            writer.WriteStartObject();
            writer.WriteString("user_id", user.UserId);
            writer.WriteStartObject("provider");
            foreach (var connection in user.Connections)
            {
                writer.WriteStartObject(connection.Provider.Slug);
                foreach (var resource in connection.Resources)
                {
                    WriteResource(writer, resource);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNull("next");
        WriteStringOrNull(writer, "next_cursor", nextCursor);
        writer.WriteEndObject();
    });

    private static void WriteResource(Utf8JsonWriter writer, SimulatedResourceData resource)
    {
        writer.WriteStartObject(resource.Resource);
        if (resource.LastAttempt is { } attempt)
        {
            writer.WriteStartObject("last_attempt");
            WriteTimestamp(writer, "timestamp", attempt.Timestamp);
            writer.WriteString("status", attempt.Succeeded ? "success" : "failure");
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("last_attempt");
        }

        WriteTimestamp(writer, "oldest_data", resource.OldestData);
        WriteTimestamp(writer, "newest_data", resource.NewestData);
        if (resource.SentCount is { } sent)
        {
            writer.WriteNumber("sent_count", sent);
        }
        else
        {
            writer.WriteNull("sent_count");
        }

        writer.WriteEndObject();
    }
}
