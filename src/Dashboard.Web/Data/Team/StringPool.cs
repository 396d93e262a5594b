using System.Collections.Concurrent;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Keeps one copy of each repeated string (providers, resources, statuses, releases, headlines): a team of
/// 100,000 users repeats a few hundred distinct values millions of times.
/// </summary>
internal sealed class StringPool
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public string Intern(string value) => _values.GetOrAdd(value, value);

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);
}
