using System.Text.Json;

namespace Vital.Introspection;

internal static class JsonText
{
    /// <summary>
    /// The length of a UTF-8 byte order mark at the start of <paramref name="body"/>, or 0. RFC 8259 lets a reader ignore
    /// one, and the stream parsers do; <see cref="Utf8JsonReader"/> and <see cref="JsonDocument"/> over bytes would call
    /// the body not JSON.
    /// </summary>
    public static int ByteOrderMarkLength(ReadOnlySpan<byte> body) =>
        body.StartsWith(System.Text.Encoding.UTF8.Preamble) ? System.Text.Encoding.UTF8.Preamble.Length : 0;

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
