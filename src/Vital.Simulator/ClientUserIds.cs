using System.Globalization;

namespace Vital.Simulator;

/// <summary>The shapes of a customer's own user id (<c>client_user_id</c>).</summary>
internal enum ClientIdKind
{
    // Ordinary ones, most users.
    Customer,
    Numeric,
    Email,
    EmailWithTag,
    Prefixed,
    UuidShaped,

    // Ones a URL path must escape, a few users (and one scenario user each for the first four).
    WithSlash,
    NonAscii,
    SpaceAndPercent,
    FullName,
    Question,
    Cjk,
    Accented,
}

/// <summary>
/// Each user's <c>client_user_id</c>, derived from the seed and the user's position, and its inverse, with nothing kept
/// in memory. Every id carries a number that is a seeded permutation of the position: a UUID-shaped id in its first
/// group (32 bits), every other shape as its last run of digits (24 bits), with no digit after it. So an id names its
/// position, two positions never share an id, and resolving one is a lookup plus a comparison.
/// </summary>
internal static class ClientUserIds
{
    private const ulong KindStream = 7;
    private const int NumberBits = 24;
    private const int UuidBits = 32;

    // Odd multipliers (invertible modulo 2^n) of the permutation, and their inverses.
    private const uint MultiplierA = 0x2C1B_3C6D;
    private const uint MultiplierB = 0x297A_2D39;
    private static readonly uint InverseA = Inverse(MultiplierA);
    private static readonly uint InverseB = Inverse(MultiplierB);

    private static readonly string[] FirstNames =
        ["anna", "ben", "chloe", "david", "emma", "farid", "grace", "hugo", "ines", "jonas", "kira", "liam", "maya", "noah", "olga", "pablo", "rosa", "sven", "tara", "yuki"];

    private static readonly string[] LastNames =
        ["smith", "garcia", "muller", "rossi", "kowalski", "nguyen", "okafor", "silva", "tanaka", "jensen", "dubois", "novak"];

    /// <summary>Shares of regular users, per thousand, in <see cref="ClientIdKind"/> order.</summary>
    private static readonly int[] KindWeights = [400, 140, 180, 50, 80, 100, 10, 6, 6, 12, 6, 5, 5];

    /// <summary>Letters, digits and <c>-_.@+</c>: anything else needs care in a URL path (or is not ASCII).</summary>
    public static bool IsOdd(string clientUserId) =>
        clientUserId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '@' or '+'));

    public static string Of(SimulatedTeam team, int index)
    {
        var random = new DeterministicRandom(DeterministicRandom.Hash(team.SeedKey, (ulong)index, KindStream));
        var drawn = Draw(ref random);
        var kind = team.ScenarioAt(index) is { } scenario ? scenario.ClientId : drawn;
        var first = random.Pick(FirstNames);
        var last = random.Pick(LastNames);
        var n = Permute((uint)index, NumberBits, Key(team, NumberBits)).ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            ClientIdKind.Customer => "cust-" + n,
            ClientIdKind.Numeric => n,
            ClientIdKind.Email => $"{first}.{last}{n}@example.com",
            ClientIdKind.EmailWithTag => $"{first}+{n}@example.org",
            ClientIdKind.Prefixed => "usr_" + n,
            ClientIdKind.UuidShaped => Uuid(Permute((uint)index, UuidBits, Key(team, UuidBits)), ref random),
            ClientIdKind.WithSlash => "acme/eu-west/" + n,
            ClientIdKind.NonAscii => $"müller/{n} ß",
            ClientIdKind.SpaceAndPercent => "100% promo%20code? " + n,
            ClientIdKind.FullName => $"{Capitalize(first)} {Capitalize(last)} {n}",
            ClientIdKind.Question => "legacy?id=" + n,
            ClientIdKind.Cjk => "李雷-" + n,
            _ => $"zoë.łukasik{n}",
        };
    }

    /// <summary>The position of the user whose client user id is exactly <paramref name="clientUserId"/> (ordinal), or -1.</summary>
    public static int Resolve(SimulatedTeam team, string clientUserId)
    {
        if (clientUserId.Length == 36 && Guid.TryParseExact(clientUserId, "D", out _)
            && uint.TryParse(clientUserId.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var group))
        {
            return Check(team, Unpermute(group, UuidBits, Key(team, UuidBits)), clientUserId);
        }

        var end = clientUserId.Length;
        while (end > 0 && !char.IsAsciiDigit(clientUserId[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiDigit(clientUserId[start - 1]))
        {
            start--;
        }

        return end - start is > 0 and <= 8
            && uint.TryParse(clientUserId.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n < 1u << NumberBits
            ? Check(team, Unpermute(n, NumberBits, Key(team, NumberBits)), clientUserId)
            : -1;
    }

    private static int Check(SimulatedTeam team, uint candidate, string clientUserId) =>
        candidate < (uint)team.Count && string.Equals(Of(team, (int)candidate), clientUserId, StringComparison.Ordinal) ? (int)candidate : -1;

    private static ClientIdKind Draw(ref DeterministicRandom random)
    {
        var x = random.Next(1000);
        for (var i = 0; i < KindWeights.Length; i++)
        {
            x -= KindWeights[i];
            if (x < 0)
            {
                return (ClientIdKind)i;
            }
        }

        return ClientIdKind.Customer;
    }

    /// <summary>A version-4 UUID whose first group is <paramref name="first"/>; never the user's own Vital id.</summary>
    private static string Uuid(uint first, ref DeterministicRandom random)
    {
        var middle = random.NextUInt64();
        var tail = random.NextUInt64() & 0xFFFF_FFFF_FFFF;
        var variant = 8 + (int)(middle >> 60 & 3);
        return string.Create(CultureInfo.InvariantCulture,
            $"{first:x8}-{middle & 0xFFFF:x4}-4{middle >> 16 & 0xFFF:x3}-{variant:x1}{middle >> 28 & 0xFFF:x3}-{tail:x12}");
    }

    private static string Capitalize(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private static uint Key(SimulatedTeam team, int bits) => (uint)DeterministicRandom.Mix(team.SeedKey ^ (0xC11E_0000UL + (ulong)bits)) & Mask(bits);

    private static uint Mask(int bits) => bits == 32 ? uint.MaxValue : (1u << bits) - 1;

    // xor with a key, multiply by an odd number, fold the high half into the low one (its own inverse), twice over.
    internal static uint Permute(uint x, int bits, uint key)
    {
        var mask = Mask(bits);
        var half = bits / 2;
        x = (x ^ key) & mask;
        x = x * MultiplierA & mask;
        x ^= x >> half;
        x = x * MultiplierB & mask;
        return x ^ (x >> half);
    }

    internal static uint Unpermute(uint x, int bits, uint key)
    {
        var mask = Mask(bits);
        var half = bits / 2;
        x &= mask;
        x ^= x >> half;
        x = x * InverseB & mask;
        x ^= x >> half;
        x = x * InverseA & mask;
        return (x ^ key) & mask;
    }

    /// <summary>The inverse of an odd number modulo 2^32 (Newton's iteration doubles the correct bits each step).</summary>
    private static uint Inverse(uint a)
    {
        var inverse = a;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (a * inverse);
        }

        return inverse;
    }
}
