using System.Collections.Concurrent;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Which providers a per-provider scan asks about: the spec's known slugs, plus any slug seen in an answer since
/// (Vital adds providers without notice), the largest first so the longest walk starts first.
/// </summary>
public sealed class ProviderDiscovery
{
    private readonly ConcurrentDictionary<string, int> _sizes = new(StringComparer.Ordinal);

    public ProviderDiscovery()
    {
        foreach (var provider in ProviderSlug.Known)
        {
            _sizes.TryAdd(provider.Value, 0);
        }
    }

    /// <summary>Slugs the spec does not list, seen in an answer.</summary>
    public IEnumerable<string> Discovered => _sizes.Keys.Where(k => !new ProviderSlug(k).IsKnown);

    /// <summary>Records a slug seen in any answer; true when it is new.</summary>
    public bool Observe(string provider) => InputRulesSlug(provider) && _sizes.TryAdd(provider, 0);

    /// <summary>Records how many users each provider had in the last complete scan.</summary>
    public void RecordSizes(IReadOnlyDictionary<string, int> usersPerProvider)
    {
        foreach (var (provider, users) in usersPerProvider)
        {
            if (InputRulesSlug(provider))
            {
                _sizes[provider] = users;
            }
        }
    }

    /// <summary>Whether a complete scan has recorded any provider's size (before that, every size is 0).</summary>
    public bool HasSizes => _sizes.Values.Any(users => users > 0);

    /// <summary>Every provider to scan, largest (last time) first; ties in the spec's order.</summary>
    public IReadOnlyList<ProviderSlug> ScanList()
    {
        var known = ProviderSlug.Known.Select((p, i) => (p.Value, i)).ToDictionary(x => x.Value, x => x.i, StringComparer.Ordinal);
        return [.. _sizes
            .OrderByDescending(p => p.Value)
            .ThenBy(p => known.GetValueOrDefault(p.Key, int.MaxValue))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ProviderSlug(p.Key))];
    }

    // Only slugs a URL can carry safely become scan targets.
    private static bool InputRulesSlug(string provider) => Input.InputRules.IsSlug(provider);
}
