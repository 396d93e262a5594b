using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Store.State;

namespace Dashboard.Store.Recording;

/// <summary>
/// A scan's counts per provider: users, pulls per status, findings per code (a finding about the user as a whole
/// counts under the provider <see cref="NoProvider"/>). Stored as JSON in <c>scans.counts</c>; trends read it.
/// </summary>
public sealed class ScanCounts
{
    /// <summary>The key for findings that name no provider (<c>no_pull_data</c>).</summary>
    public const string NoProvider = "";

    public SortedDictionary<string, ProviderCounts> Providers { get; init; } = new(StringComparer.Ordinal);

    public static ScanCounts Of(TeamState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var counts = new ScanCounts();
        foreach (var user in state.Users)
        {
            counts.Add(user);
        }

        return counts;
    }

    /// <summary>Counts one more user (the history writer counts as it writes the payload: one pass over the team).</summary>
    public void Add(UserState user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var provider in user.Providers)
        {
            For(provider).Users++;
        }

        foreach (var pull in user.Pulls)
        {
            Add(For(pull.Provider).Statuses, pull.Status);
        }

        foreach (var finding in user.Findings)
        {
            Add(For(finding.Provider ?? NoProvider).Findings, finding.Code);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, ScanCountsJson.Default.ScanCounts);

    public static ScanCounts FromJson(string json) => JsonSerializer.Deserialize(json, ScanCountsJson.Default.ScanCounts) ?? new ScanCounts();

    private ProviderCounts For(string provider)
    {
        if (!Providers.TryGetValue(provider, out var counts))
        {
            counts = new ProviderCounts();
            Providers[provider] = counts;
        }

        return counts;
    }

    private static void Add(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <summary>One provider's share of a <see cref="ScanCounts"/>.</summary>
public sealed class ProviderCounts
{
    public int Users { get; set; }

    public SortedDictionary<string, int> Statuses { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Findings { get; init; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(ScanCounts))]
internal sealed partial class ScanCountsJson : JsonSerializerContext;
