using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>
/// A value from one of the upstream's non-exhaustive enumerations, kept as its exact string.
/// Vital adds values without notice (<c>scheduled</c> in 2024, <c>retrying</c> in 2025), so a value this
/// version does not know is carried verbatim and never fails a parse.
/// </summary>
public interface IOpenString<TSelf> where TSelf : struct, IOpenString<TSelf>
{
    /// <summary>The value exactly as the upstream sent it.</summary>
    string Value { get; }

    /// <summary>Whether this version of the dashboard knows the value.</summary>
    bool IsKnown { get; }

    static abstract TSelf From(string value);
}

/// <summary>Reads and writes an open string as a JSON string, also when it is a dictionary key.</summary>
public sealed class OpenStringJsonConverter<T> : JsonConverter<T> where T : struct, IOpenString<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(JsonText.ReadLenientString(ref reader) ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(reader.GetString() ?? string.Empty);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}

internal static class JsonText
{
    /// <summary>
    /// Reads a scalar as text: strings as they are, numbers and booleans as their JSON text, null as null.
    /// Objects and arrays are skipped and read as null, so one odd field never fails a whole page.
    /// </summary>
    public static string? ReadLenientString(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }
}
