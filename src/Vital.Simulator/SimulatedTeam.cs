using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;

namespace Vital.Simulator;

/// <summary>
/// The simulated team's compact index: user ids in page order, which providers each user is connected to,
/// which users have pulls at all, and where the guaranteed scenarios sit. Nothing else is stored:
/// <see cref="PullGenerator"/> derives a user's pulls, <see cref="AccountGenerator"/> its user object, connections and
/// ongoing data, and <see cref="ClientUserIds"/> its client user id (and back), on demand from the seed and the user's
/// position, so a team of 100,000 users costs a few megabytes and builds in milliseconds.
/// </summary>
public sealed class SimulatedTeam
{
    // Streams of the per-user generator: each decision has its own, so adding a draw to one never shifts another.
    internal const ulong IdStream = 1;
    internal const ulong ConnectionStream = 2;
    internal const ulong ContentStream = 3;
    private const ulong PlacementStream = 4;

    // Streams added for the whole diagnosis (the user object, connections, ongoing data): new streams, so every
    // earlier draw, and with it every pull, stays as it was. Client user ids draw from stream 7 (ClientUserIds).
    internal const ulong ProfileStream = 5;
    internal const ulong ConnectionStateStream = 6;
    internal const ulong ResourceStream = 8;
    private const ulong DiagnosisPlacementStream = 9;
    private const ulong TeamIdStream = 10;

    /// <summary>Share of regular users the upstream holds no historical pull for (new, or connection still pending).</summary>
    private const double NoPullsShare = 0.03;

    private static readonly int[] ProviderCountWeights = [55, 28, 12, 5];

    private readonly string[] _ids;
    private readonly Dictionary<Guid, int> _indexById;
    private readonly ulong[] _connected;
    private readonly bool[] _hasPulls;
    private readonly int[][] _byProvider;
    private readonly FrozenDictionary<int, ScenarioDefinition> _scenarioAt;

    internal SimulatedTeam(int users, int seed, DateTimeOffset epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        Seed = seed;
        Epoch = epoch;
        SeedKey = DeterministicRandom.Mix((ulong)(uint)seed ^ 0x5EED_0000_0000_0000);

        _scenarioAt = PlaceScenarios(users, SeedKey);
        TeamId = FormatUuid(new DeterministicRandom(DeterministicRandom.Hash(SeedKey, 0, TeamIdStream)));
        _ids = new string[users];
        _indexById = new Dictionary<Guid, int>(users);
        _connected = new ulong[users];
        _hasPulls = new bool[users];

        var providerCount = ProviderCatalog.All.Count;
        var counts = new int[providerCount];
        for (var i = 0; i < users; i++)
        {
            AssignId(i);
            (_connected[i], _hasPulls[i]) = _scenarioAt.TryGetValue(i, out var scenario) ? Connect(scenario) : Connect(i);
            for (var mask = _connected[i]; mask != 0; mask &= mask - 1)
            {
                counts[System.Numerics.BitOperations.TrailingZeroCount(mask)]++;
            }
        }

        _byProvider = new int[providerCount][];
        for (var p = 0; p < providerCount; p++)
        {
            _byProvider[p] = new int[counts[p]];
        }

        var filled = new int[providerCount];
        for (var i = 0; i < users; i++)
        {
            for (var mask = _connected[i]; mask != 0; mask &= mask - 1)
            {
                var p = System.Numerics.BitOperations.TrailingZeroCount(mask);
                _byProvider[p][filled[p]++] = i;
            }
        }

        UserIds = Array.AsReadOnly(_ids);
        Scenarios = _scenarioAt.ToFrozenDictionary(kv => kv.Value.Name, kv => _ids[kv.Key], StringComparer.Ordinal);
        UsersPerProvider = ProviderCatalog.All
            .Where(p => counts[p.Index] > 0)
            .OrderByDescending(p => counts[p.Index]).ThenBy(p => p.Slug, StringComparer.Ordinal)
            .ToDictionary(p => p.Slug, p => counts[p.Index], StringComparer.Ordinal)
            .AsReadOnly();
    }

    public int Seed { get; }

    /// <summary>The team's id (<c>team_id</c> of every user): one per seed.</summary>
    public string TeamId { get; }

    /// <summary>The simulator's creation time (whole seconds): every pull's timestamps are relative to it.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>Every user, in page order, including users with no pulls.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Scenario name (see <see cref="ScenarioNames"/>) to the id of a user that shows it.</summary>
    public IReadOnlyDictionary<string, string> Scenarios { get; }

    /// <summary>Users connected to each provider present in the team, most popular first (users without pulls included).</summary>
    public IReadOnlyDictionary<string, int> UsersPerProvider { get; }

    public int Count => _ids.Length;

    /// <summary>Users the upstream lists: those with at least one pull (a runtime pull update counts).</summary>
    public IEnumerable<string> UsersWithPulls => Enumerable.Range(0, _ids.Length).Where(HasPulls).Select(i => _ids[i]);

    internal ulong SeedKey { get; }

    /// <summary>Pulls changed at runtime (<see cref="VitalSimulator.SetPull"/>), by user index; they win over generated ones.</summary>
    internal ConcurrentDictionary<int, ConcurrentDictionary<(string Provider, string Resource), SimulatedPull>> Updates { get; } = new();

    /// <summary>Users with at least one connection: those the resources introspection lists.</summary>
    public IEnumerable<string> UsersWithConnections => Enumerable.Range(0, _ids.Length).Where(HasConnections).Select(i => _ids[i]);

    /// <summary>Every user whose client user id needs care in a URL (see <see cref="IsOddClientUserId"/>), as user id to client user id.</summary>
    public IEnumerable<KeyValuePair<string, string>> OddClientUserIds =>
        Enumerable.Range(0, _ids.Length)
            .Select(i => KeyValuePair.Create(_ids[i], ClientUserIds.Of(this, i)))
            .Where(pair => IsOddClientUserId(pair.Value));

    /// <summary>Refreshes by user index (<see cref="VitalSimulator"/>'s manual refresh): the last one moves its last attempts.</summary>
    internal ConcurrentDictionary<int, DateTimeOffset> Refreshes { get; } = new();

    /// <summary>
    /// Whether a client user id holds anything but ASCII letters, digits and <c>-_.@+</c>: a slash, a space, <c>?</c>,
    /// <c>%</c>, non-ASCII letters... The simulated team has a few such users (and the <c>client_id_*</c> scenario users).
    /// </summary>
    public static bool IsOddClientUserId(string clientUserId)
    {
        ArgumentNullException.ThrowIfNull(clientUserId);
        return ClientUserIds.IsOdd(clientUserId);
    }

    /// <summary>The customer's own id for a user (<c>client_user_id</c>), or null for an unknown user.</summary>
    public string? ClientUserIdOf(string userId) => TryGetIndex(userId, out var index) ? ClientUserIds.Of(this, index) : null;

    /// <summary>The user whose client user id is exactly <paramref name="clientUserId"/> (case and every character count), or null.</summary>
    public string? UserIdOfClientUserId(string clientUserId)
    {
        ArgumentNullException.ThrowIfNull(clientUserId);
        return ClientUserIds.Resolve(this, clientUserId) is >= 0 and var index ? _ids[index] : null;
    }

    /// <summary>Whether the user has at least one connection; unknown ids have none.</summary>
    public bool HasConnections(string userId) => TryGetIndex(userId, out var index) && HasConnections(index);

    /// <summary>Whether the upstream holds any pull for this user; unknown ids have none.</summary>
    public bool HasPulls(string userId) => TryGetIndex(userId, out var index) && HasPulls(index);

    /// <summary>The providers a user is connected to, in the order the upstream lists them; empty for unknown ids.</summary>
    public IReadOnlyList<string> ProvidersOf(string userId) =>
        TryGetIndex(userId, out var index) ? ProviderOrder(index).Select(p => p.Slug).ToArray() : [];

    /// <summary>The scenario a user was placed for, or null for a regular user.</summary>
    public string? ScenarioOf(string userId) =>
        TryGetIndex(userId, out var index) && _scenarioAt.TryGetValue(index, out var scenario) ? scenario.Name : null;

    internal bool HasPulls(int index) => _hasPulls[index] || Updates.ContainsKey(index);

    internal bool HasConnections(int index) => _connected[index] != 0;

    /// <summary>Whether the seed gave this user pulls (runtime updates aside).</summary>
    internal bool HasGeneratedPulls(int index) => _hasPulls[index];

    internal string IdAt(int index) => _ids[index];

    internal ScenarioDefinition? ScenarioAt(int index) => _scenarioAt.GetValueOrDefault(index);

    internal bool IsConnected(int index, SimulatedProvider provider) => (_connected[index] & (1UL << provider.Index)) != 0;

    /// <summary>Users connected to a provider, in page order (an empty list for a provider nobody has).</summary>
    internal IReadOnlyList<int> UsersConnectedTo(SimulatedProvider provider) => _byProvider[provider.Index];

    internal bool TryGetIndex(string userId, out int index)
    {
        index = -1;
        return Guid.TryParse(userId, out var id) && _indexById.TryGetValue(id, out index);
    }

    internal bool TryGetIndex(Guid userId, out int index) => _indexById.TryGetValue(userId, out index);

    /// <summary>Scenario users list their providers in the scenario's order (the one with the situation first); others by catalog order.</summary>
    internal IEnumerable<SimulatedProvider> ProviderOrder(int index)
    {
        if (_scenarioAt.TryGetValue(index, out var scenario))
        {
            return scenario.Providers.Select(ProviderCatalog.Get);
        }

        var list = new List<SimulatedProvider>(4);
        for (var mask = _connected[index]; mask != 0; mask &= mask - 1)
        {
            list.Add(ProviderCatalog.All[System.Numerics.BitOperations.TrailingZeroCount(mask)]);
        }

        return list;
    }

    private void AssignId(int index)
    {
        for (ulong salt = 0; ; salt++)
        {
            var text = FormatUuid(new DeterministicRandom(DeterministicRandom.Hash(SeedKey, (ulong)index, IdStream + (salt << 8))));

            // A collision among 128-bit hashes will not happen in practice; the salt makes it impossible anyway.
            if (_indexById.TryAdd(Guid.ParseExact(text, "D"), index))
            {
                _ids[index] = text;
                return;
            }
        }
    }

    /// <summary>A version-4 UUID, lower case, from the next two draws.</summary>
    private static string FormatUuid(DeterministicRandom random)
    {
        var high = (random.NextUInt64() & ~0xF000UL) | 0x4000UL;                       // version 4
        var low = (random.NextUInt64() & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL; // RFC 4122 variant
        return string.Create(36, (high, low), static (span, v) =>
        {
            Span<char> hex = stackalloc char[32];
            v.high.TryFormat(hex[..16], out _, "x16", CultureInfo.InvariantCulture);
            v.low.TryFormat(hex[16..], out _, "x16", CultureInfo.InvariantCulture);
            hex[..8].CopyTo(span);
            span[8] = '-';
            hex[8..12].CopyTo(span[9..]);
            span[13] = '-';
            hex[12..16].CopyTo(span[14..]);
            span[18] = '-';
            hex[16..20].CopyTo(span[19..]);
            span[23] = '-';
            hex[20..].CopyTo(span[24..]);
        });
    }

    private static (ulong Connected, bool HasPulls) Connect(ScenarioDefinition scenario)
    {
        var mask = 0UL;
        foreach (var slug in scenario.Providers)
        {
            mask |= 1UL << ProviderCatalog.Get(slug).Index;
        }

        return (mask, scenario.Tweak != ScenarioTweak.NoPulls);
    }

    private (ulong Connected, bool HasPulls) Connect(int index)
    {
        var random = new DeterministicRandom(DeterministicRandom.Hash(SeedKey, (ulong)index, ConnectionStream));
        var noPulls = random.Chance(NoPullsShare);
        if (noPulls && random.Chance(0.5))
        {
            return (0, false); // a user created but not connected yet
        }

        var wanted = noPulls ? 1 : DrawProviderCount(ref random);
        var mask = 0UL;
        for (var attempts = 0; System.Numerics.BitOperations.PopCount(mask) < wanted && attempts < 20; attempts++)
        {
            mask |= 1UL << ProviderCatalog.Draw(ref random).Index;
        }

        return (mask, !noPulls);
    }

    private static int DrawProviderCount(ref DeterministicRandom random)
    {
        var x = random.Next(100);
        for (var i = 0; i < ProviderCountWeights.Length; i++)
        {
            x -= ProviderCountWeights[i];
            if (x < 0)
            {
                return i + 1;
            }
        }

        return 1;
    }

    /// <summary>
    /// The historical-pull scenario users sit at seeded positions among the first <see cref="ScenarioCatalog.PlacementWindow"/>
    /// users, the whole-diagnosis ones among the same number from <see cref="ScenarioCatalog.DiagnosisWindowStart"/> on;
    /// each window has its own shuffle, so adding to the second never moves a user of the first.
    /// </summary>
    private static FrozenDictionary<int, ScenarioDefinition> PlaceScenarios(int users, ulong seedKey)
    {
        var placed = new Dictionary<int, ScenarioDefinition>();
        Place(placed, ScenarioCatalog.PullDefinitions, 0, users, DeterministicRandom.Hash(seedKey, 0, PlacementStream));
        Place(placed, ScenarioCatalog.DiagnosisDefinitions, ScenarioCatalog.DiagnosisWindowStart, users, DeterministicRandom.Hash(seedKey, 0, DiagnosisPlacementStream));
        return placed.ToFrozenDictionary();
    }

    private static void Place(Dictionary<int, ScenarioDefinition> placed, IReadOnlyList<ScenarioDefinition> definitions, int windowStart, int users, ulong seed)
    {
        var slots = Math.Clamp(users - windowStart, 0, ScenarioCatalog.PlacementWindow);
        var positions = Enumerable.Range(windowStart, slots).ToArray();
        var random = new DeterministicRandom(seed);
        for (var i = positions.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        for (var k = 0; k < Math.Min(definitions.Count, slots); k++)
        {
            placed[positions[k]] = definitions[k];
        }
    }
}
