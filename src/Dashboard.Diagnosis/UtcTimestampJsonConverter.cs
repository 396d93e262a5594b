using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>
/// Writes a time as UTC with a <c>Z</c> (<c>2025-11-28T10:02:40.123456Z</c>), as the diagnosis JSON of docs/ARCHITECTURE.md shows,
/// whatever offset it carried. Reads any ISO-8601 time and converts it to UTC.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
