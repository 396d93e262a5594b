namespace Vital.Simulator;

/// <summary>
/// SplitMix64: tiny, fast, and fixed forever (unlike <see cref="Random"/>, whose algorithm may change), so a seed
/// gives the same team on every machine and .NET version. Not thread-safe; a struct copied by value.
/// </summary>
internal struct DeterministicRandom(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private ulong _state = state;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A well-spread value from a seed and a few labels (user index, stream name...).</summary>
    public static ulong Hash(ulong a, ulong b, ulong c = 0) => Mix(Mix(Mix(a + Gamma) ^ b) + c);

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>[0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>[minInclusive, maxInclusive].</summary>
    public int Between(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    public long Between(long minInclusive, long maxInclusive) =>
        maxInclusive <= minInclusive ? minInclusive : minInclusive + (long)(NextUInt64() % (ulong)(maxInclusive - minInclusive + 1));

    /// <summary>[0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>32 lowercase hex characters, like Vital's trace ids.</summary>
    public string NextHex32() => string.Create(32, (NextUInt64(), NextUInt64()), static (span, v) =>
    {
        v.Item1.TryFormat(span[..16], out _, "x16");
        v.Item2.TryFormat(span[16..], out _, "x16");
    });
}
