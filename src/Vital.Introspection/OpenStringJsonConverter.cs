using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>Reads and writes an open string as a JSON string, also when it is a dictionary key.</summary>
public sealed class OpenStringJsonConverter<T> : JsonConverter<T> where T : struct, IOpenString<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(JsonText.ReadLenientString(ref reader) ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(BidiControls.Strip(reader.GetString()) ?? string.Empty);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
