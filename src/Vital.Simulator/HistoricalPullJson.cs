using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vital.Simulator;

/// <summary>
/// Writes answers the way the upstream (FastAPI/Starlette) does: compact JSON, keys in the model's order, every
/// optional field present (null when empty) except where the upstream is known to leave one out, and timestamps in
/// Python's <c>isoformat()</c>. Written by hand so the simulator shares no serialization with the client it tests.
/// </summary>
internal static class HistoricalPullJson
{
    // Starlette's JSONResponse uses ensure_ascii=False: only quotes, backslashes and control characters are escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Page(IReadOnlyList<SimulatedUser> users, string? nextCursor) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var user in users)
        {
            WriteUser(writer, user);
        }

        writer.WriteEndArray();
        writer.WriteNull("next");
        WriteStringOrNull(writer, "next_cursor", nextCursor);
        writer.WriteEndObject();
    });

    /// <summary><c>{"detail": "..."}</c>, FastAPI's shape for HTTP errors.</summary>
    public static byte[] Detail(string detail) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("detail", detail);
        writer.WriteEndObject();
    });

    /// <summary>FastAPI's 422 body: <c>{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}</c>.</summary>
    public static byte[] ValidationErrors(IReadOnlyList<ValidationError> errors) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("detail");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("type", error.Type);
            writer.WriteStartArray("loc");
            writer.WriteStringValue(error.Location);
            writer.WriteStringValue(error.Parameter);
            writer.WriteEndArray();
            writer.WriteString("msg", error.Message);
            writer.WriteString("input", error.Input);
            if (error.Context is { } context)
            {
                writer.WriteStartObject("ctx");
                switch (context)
                {
                    case int number:
                        writer.WriteNumber(error.ContextKey!, number);
                        break;
                    default:
                        writer.WriteString(error.ContextKey!, context.ToString());
                        break;
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>Python's <c>datetime.isoformat()</c> for an aware UTC value: microseconds only when there are some.</summary>
    public static string IsoFormat(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var micros = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        return micros == 0
            ? utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'+00:00'", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy'-'MM'-'dd'T'HH':'mm':'ss}.{micros:D6}+00:00");
    }

    private static void WriteUser(Utf8JsonWriter writer, SimulatedUser user)
    {
        writer.WriteStartObject();
        writer.WriteString("user_id", user.UserId);
        writer.WriteStartObject("provider");
        foreach (var provider in user.Providers)
        {
            writer.WriteStartObject(provider.Slug);
            writer.WriteStartObject("pulled");
            foreach (var pull in provider.Pulled)
            {
                writer.WritePropertyName(pull.Resource);
                WritePull(writer, pull);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("not_pulled");
            foreach (var resource in provider.NotPulled)
            {
                writer.WriteStringValue(resource);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePull(Utf8JsonWriter writer, SimulatedPull pull)
    {
        writer.WriteStartObject();
        writer.WriteString("status", pull.Status);
        WriteTimestamp(writer, "range_start", pull.RangeStart);
        WriteTimestamp(writer, "range_end", pull.RangeEnd);
        writer.WriteStartObject("timeline");
        WriteTimestamp(writer, "scheduled_at", pull.ScheduledAt);
        WriteTimestamp(writer, "started_at", pull.StartedAt);
        if (pull.EndedAt is not null || pull.WriteEndedAt)
        {
            WriteTimestamp(writer, "ended_at", pull.EndedAt);
        }

        writer.WriteEndObject();
        writer.WriteNumber("days_with_data", pull.DaysWithData);
        writer.WriteString("release", pull.Release);
        WriteStringOrNull(writer, "trace_id", pull.TraceId);
        WriteStringOrNull(writer, "error_details", pull.ErrorDetails);
        writer.WriteEndObject();
    }

    public static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset? value) =>
        WriteStringOrNull(writer, name, value is { } v ? IsoFormat(v) : null);

    public static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One FastAPI/pydantic validation error on a query parameter (or, with <see cref="Location"/> <c>path</c>, a path parameter).</summary>
internal sealed record ValidationError(string Type, string Parameter, string Message, string Input, string? ContextKey = null, object? Context = null)
{
    public string Location { get; init; } = "query";
}
