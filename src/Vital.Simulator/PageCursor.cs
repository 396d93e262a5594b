using System.Buffers.Binary;
using System.Text;

namespace Vital.Simulator;

/// <summary>
/// The opaque <c>next_cursor</c>: base64url of a version, the position in the (filtered) user list, the provider
/// filter it belongs to, and a checksum keyed by the team's seed, so a garbled, forged or foreign cursor is refused.
/// </summary>
internal static class PageCursor
{
    private const byte Version = 1;
    private const int MaxProviderBytes = 64;

    public static string Encode(ulong key, int position, string? provider)
    {
        var providerBytes = provider is null ? [] : Encoding.UTF8.GetBytes(provider);
        var payload = new byte[1 + 4 + 1 + providerBytes.Length + 8];
        payload[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(1), position);
        payload[5] = provider is null ? byte.MaxValue : (byte)providerBytes.Length;
        providerBytes.CopyTo(payload, 6);
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(payload.Length - 8), Checksum(key, payload.AsSpan(0, payload.Length - 8)));
        return Convert.ToBase64String(payload).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(ulong key, string text, out int position, out string? provider)
    {
        position = 0;
        provider = null;
        if (text.Length is 0 or > 200 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }

        if (payload.Length < 14 || payload[0] != Version)
        {
            return false;
        }

        var providerLength = payload[5] == byte.MaxValue ? 0 : payload[5];
        if (providerLength > MaxProviderBytes || payload.Length != 14 + providerLength)
        {
            return false;
        }

        var expected = BinaryPrimitives.ReadUInt64LittleEndian(payload.AsSpan(payload.Length - 8));
        if (expected != Checksum(key, payload.AsSpan(0, payload.Length - 8)))
        {
            return false;
        }

        position = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(1));
        provider = payload[5] == byte.MaxValue ? null : Encoding.UTF8.GetString(payload, 6, providerLength);
        return position >= 0;
    }

    private static ulong Checksum(ulong key, ReadOnlySpan<byte> bytes)
    {
        var hash = DeterministicRandom.Mix(key ^ 0xC0FFEE);
        foreach (var b in bytes)
        {
            hash = DeterministicRandom.Mix(hash ^ b);
        }

        return hash;
    }
}
