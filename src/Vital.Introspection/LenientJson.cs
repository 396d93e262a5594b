using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>
/// How every upstream body is read: missing optional fields, nulls, numbers where strings were expected (and the
/// reverse), unknown fields and values never fail a page; a body that is not JSON, or not the documented shape at all,
/// is a <see cref="VitalErrorKind.MalformedResponse"/>.
/// </summary>
internal static class LenientJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new LenientStringConverter(), new LenientIntConverter(), new LenientTimestampConverter() },
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    public static VitalApiException Malformed(Exception inner) => new(
        VitalErrorKind.MalformedResponse,
        "Vital sent an answer the dashboard could not read (it was not the JSON its API documents).",
        statusCode: 200,
        innerException: inner);

    /// <summary>Reads <typeparamref name="T"/>, turning a JSON error into <see cref="Malformed"/>.</summary>
    public static async Task<T?> ReadAsync<T>(Stream utf8Json, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(utf8Json, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }
    }

    /// <summary>A list of strings without nulls or empty values.</summary>
    public static IReadOnlyList<string> Strings(List<string?>? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];

    /// <summary>"2026-12-03" (or a whole timestamp, whose UTC day counts); unreadable: null.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return HistoricalPullParser.ParseTimestamp(text) is { } time ? DateOnly.FromDateTime(time.UtcDateTime) : null;
    }

    internal sealed class LenientStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonText.ReadLenientString(ref reader);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);

        /// <summary>Object keys are upstream text too (provider slugs, resource names).</summary>
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            BidiControls.Strip(reader.GetString()) ?? string.Empty;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);
    }

    /// <summary>
    /// Every wire member typed <c>DateTimeOffset?</c>: a timestamp as <see cref="HistoricalPullParser.ParseTimestamp"/>
    /// reads it (unreadable: null). The usual shape is read from the body's bytes (<see cref="IsoTimestamp"/>), so the
    /// five timestamps of every pull make no strings; anything else is read as text, exactly as before.
    /// </summary>
    internal sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
                && IsoTimestamp.TryRead(reader.ValueSpan, out var utc)
                ? utc
                : HistoricalPullParser.ParseTimestamp(JsonText.ReadLenientString(ref reader));

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } time)
            {
                writer.WriteStringValue(time);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>The older docs call <c>days_with_data</c> a "number": accept 70, 70.0 and "70".</summary>
    internal sealed class LenientIntConverter : JsonConverter<int?>
    {
        public override bool HandleNull => true;

        public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // The usual case, a whole number, without making its text first (the same value the text gives).
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var whole))
            {
                return whole;
            }

            var text = JsonText.ReadLenientString(ref reader);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                return (int)Math.Clamp(Math.Round(number), int.MinValue, int.MaxValue);
            }

            return null;
        }

        public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteNumberValue(value.Value);
            }
        }
    }
}
