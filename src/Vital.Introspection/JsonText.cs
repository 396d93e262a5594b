using System.Text.Json;

namespace Vital.Introspection;

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
                return BidiControls.Strip(reader.GetString());
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
