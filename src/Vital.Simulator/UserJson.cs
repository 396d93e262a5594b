using System.Globalization;
using System.Text.Json;
using static Vital.Simulator.HistoricalPullJson;

namespace Vital.Simulator;

/// <summary>
/// The user, connections and manual-refresh answers, written like <see cref="HistoricalPullJson"/>: keys in the
/// model's order, every optional field present (null when empty), Python's timestamps, non-ASCII text unescaped.
/// </summary>
internal static class UserJson
{
    /// <summary><c>GET /v2/user/{user_id}</c> and <c>GET /v2/user/resolve/{client_user_id}</c>.</summary>
    public static byte[] User(SimulatedAccount account, string teamId) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("user_id", account.UserId);
        writer.WriteString("team_id", teamId);
        writer.WriteString("client_user_id", account.ClientUserId);
        WriteTimestamp(writer, "created_on", account.CreatedOn);
        writer.WriteStartArray("connected_sources");
        foreach (var connection in account.Connections)
        {
            writer.WriteStartObject();
            WriteProvider(writer, "provider", connection.Provider);
            WriteTimestamp(writer, "created_on", connection.CreatedOn);
            WriteProvider(writer, "source", connection.Provider); // deprecated, the same provider
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteFallback(writer, "fallback_time_zone", "id", account.FallbackTimeZone);
        WriteFallback(writer, "fallback_birth_date", "value", account.FallbackBirthDate);
        WriteDate(writer, "ingestion_start", account.IngestionStart);
        WriteDate(writer, "ingestion_end", account.IngestionEnd);
        writer.WriteEndObject();
    });

    /// <summary><c>GET /v2/user/providers/{user_id}</c>: <c>{"providers": [Connection]}</c>.</summary>
    public static byte[] Providers(SimulatedAccount account) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("providers");
        foreach (var connection in account.Connections)
        {
            WriteConnection(writer, connection);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary><c>POST /v2/user/refresh/{user_id}</c>, 200.</summary>
    public static byte[] Refreshed(string userId, IReadOnlyList<string> refreshed, IReadOnlyList<string> failed) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteString("user_id", userId);
        WriteStrings(writer, "refreshed_sources", refreshed);
        WriteStrings(writer, "in_progress_sources", []);
        WriteStrings(writer, "failed_sources", failed);
        writer.WriteEndObject();
    });

    /// <summary><c>POST /v2/user/refresh/{user_id}</c>, 400.</summary>
    public static byte[] RefreshFailed(string userId, string error) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteBoolean("success", false);
        writer.WriteString("user_id", userId);
        writer.WriteString("error", error);
        WriteStrings(writer, "failed_sources", []);
        writer.WriteEndObject();
    });

    private static void WriteConnection(Utf8JsonWriter writer, SimulatedConnection connection)
    {
        writer.WriteStartObject();
        writer.WriteString("name", connection.Provider.Name);
        writer.WriteString("slug", connection.Provider.Slug);
        writer.WriteString("logo", connection.Provider.Logo);
        WriteTimestamp(writer, "created_on", connection.CreatedOn);
        writer.WriteString("status", connection.Status);
        WriteStringOrNull(writer, "external_user_id", connection.ExternalUserId);
        if (connection.Error is { } error)
        {
            writer.WriteStartObject("error_details");
            writer.WriteString("error_type", error.Type);
            writer.WriteString("error_message", error.Message);
            WriteTimestamp(writer, "errored_at", error.ErroredAt);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("error_details");
        }

        writer.WriteStartObject("resource_availability");
        foreach (var resource in connection.Availability)
        {
            writer.WriteStartObject(resource.Resource);
            writer.WriteString("status", resource.Available ? "available" : "unavailable");
            if (resource.Scopes is { } scopes)
            {
                writer.WriteStartObject("scope_requirements");
                WriteScopes(writer, "user_granted", scopes.GrantedRequired, scopes.GrantedOptional);
                WriteScopes(writer, "user_denied", scopes.DeniedRequired, scopes.DeniedOptional);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("scope_requirements");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteScopes(Utf8JsonWriter writer, string name, string[] required, string[] optional)
    {
        writer.WriteStartObject(name);
        WriteStrings(writer, "required", required);
        WriteStrings(writer, "optional", optional);
        writer.WriteEndObject();
    }

    private static void WriteProvider(Utf8JsonWriter writer, string name, SimulatedProvider provider)
    {
        writer.WriteStartObject(name);
        writer.WriteString("name", provider.Name);
        writer.WriteString("slug", provider.Slug);
        writer.WriteString("logo", provider.Logo);
        writer.WriteEndObject();
    }

    private static void WriteFallback(Utf8JsonWriter writer, string name, string valueName, SimulatedFallback? fallback)
    {
        if (fallback is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString(valueName, fallback.Value);
        writer.WriteString("source_slug", fallback.SourceSlug);
        WriteTimestamp(writer, "updated_at", fallback.UpdatedAt);
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? value) =>
        WriteStringOrNull(writer, name, value?.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
