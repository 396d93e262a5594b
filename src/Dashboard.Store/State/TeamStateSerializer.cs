using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Store.State;

/// <summary>
/// A <see cref="TeamState"/> as stored: JSON (nulls and defaults left out), gzip-compressed. Provider, resource and
/// status names repeat across a team, which compression removes: about 20 bytes a pull.
/// </summary>
public static class TeamStateSerializer
{
    /// <summary>The payload format written now; a stored payload of another format is not read (the next scan replaces it).</summary>
    public const int Format = 1;

    public static byte[] Serialize(TeamState state)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, state, TeamStateJson.Default.TeamState);
        }

        return buffer.ToArray();
    }

    /// <summary>The state, or null when the payload is of another format.</summary>
    public static TeamState? Deserialize(byte[] payload, int format)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (format != Format)
        {
            return null;
        }

        using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(zip, TeamStateJson.Default.TeamState);
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(TeamState))]
internal sealed partial class TeamStateJson : JsonSerializerContext;
