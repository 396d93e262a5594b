using System.Collections.Immutable;
using Dashboard.Diagnosis;
using Dashboard.Web.Connections;
using Dashboard.Web.Input;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Vital.Introspection;

namespace Dashboard.Web.Data;

/// <summary>
/// The team grid's filters, as they appear in the URL of <c>/</c> and <c>/api/users.csv</c>: <c>status</c>,
/// <c>provider</c>, <c>resource</c>, <c>connection</c> (comma-separated), <c>q</c> (user id search) and <c>attention=true</c>.
/// </summary>
public sealed record TeamQuery
{
    public static TeamQuery Empty { get; } = new();

    public ImmutableArray<PullStatus> Statuses { get; init; } = [];

    /// <summary>Passed to the upstream's own <c>provider</c> filter.</summary>
    public ImmutableArray<string> Providers { get; init; } = [];

    public ImmutableArray<string> Resources { get; init; } = [];

    public string? Search { get; init; }

    public bool AttentionOnly { get; init; }

    /// <summary>
    /// <c>stale=true</c>: users some of whose data stopped arriving (<see cref="Team.TeamUser.IsStale"/>); with a provider
    /// or resource filter, data of those (<see cref="Team.TeamViewBuilder.IsStale"/>).
    /// </summary>
    public bool StaleOnly { get; init; }

    /// <summary>
    /// <c>connection=error,paused</c>: users the connection sweep read in one of these categories
    /// (<see cref="ConnectionCategory"/>), team-wide.
    /// </summary>
    public ImmutableArray<string> Connections { get; init; } = [];

    public bool IsEmpty => Statuses.IsEmpty && Providers.IsEmpty && Resources.IsEmpty && Connections.IsEmpty && Search is null && !AttentionOnly && !StaleOnly;

    /// <summary>Reads the filters; every value that cannot be one is reported, and the rest still apply.</summary>
    public static TeamQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

        ImmutableArray<string> List(string name, string what)
        {
            if (!values.TryGetValue(name, out var raw))
            {
                return [];
            }

            var items = raw.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => v.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var bad = items.Where(i => !InputRules.IsSlug(i)).ToList();
            if (bad.Count > 0)
            {
                errors.Add($"The {name} filter has {bad.Count} value{(bad.Count == 1 ? "" : "s")} that {(bad.Count == 1 ? "is" : "are")} not a {what} name Vital uses (lower-case letters, digits and underscores).");
            }

            var good = items.Where(InputRules.IsSlug).Order(StringComparer.Ordinal).ToList();
            if (good.Count > InputRules.MaxListItems)
            {
                errors.Add($"The {name} filter has more than {InputRules.MaxListItems} values.");
                good = good.Take(InputRules.MaxListItems).ToList();
            }

            return [.. good];
        }

        var statuses = List("status", "status").Select(PullStatus.From).ToImmutableArray();
        var providers = List("provider", "provider");
        var resources = List("resource", "resource");
        var connections = List("connection", "connection").Where(c => Validated(c)).ToImmutableArray();

        bool Validated(string category)
        {
            if (ConnectionCategory.IsKnown(category))
            {
                return true;
            }

            errors.Add($"The connection filter takes {string.Join(", ", ConnectionCategory.All)}; {TextFormatter.Quote(category)} is none of them.");
            return false;
        }

        string? search = null;
        if (values.TryGetValue("q", out var q) && !InputRules.TryNormalizeSearch(q.ToString(), out search))
        {
            errors.Add($"The search (q) must be up to {InputRules.MaxSearchLength} ordinary characters.");
        }

        bool Flag(string name)
        {
            if (!values.TryGetValue(name, out var raw) || StringValues.IsNullOrEmpty(raw))
            {
                return false;
            }

            if (bool.TryParse(raw.ToString(), out var parsed))
            {
                return parsed;
            }

            errors.Add($"{name} must be true or false.");
            return false;
        }

        var attention = Flag("attention");
        var stale = Flag("stale");
        problems = errors;
        return new TeamQuery
        {
            Statuses = statuses, Providers = providers, Resources = resources, Connections = connections, Search = search, AttentionOnly = attention, StaleOnly = stale,
        };
    }

    public static TeamQuery Parse(string queryString, out IReadOnlyList<string> problems) =>
        Parse(QueryHelpers.ParseQuery(queryString), out problems);

    /// <summary>The query string for these filters (without <c>?</c>), in a stable order so links compare equal.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={value}");
            }
        }

        // Parsed slugs are [a-z0-9_] and stay readable (status=failure,retrying); anything else a caller put in a
        // query is escaped, so it cannot break the query string. q is escaped too.
        Add("status", string.Join(',', Statuses.Select(s => Uri.EscapeDataString(s.Value))));
        Add("provider", string.Join(',', Providers.Select(Uri.EscapeDataString)));
        Add("resource", string.Join(',', Resources.Select(Uri.EscapeDataString)));
        Add("connection", string.Join(',', Connections.Select(Uri.EscapeDataString)));
        Add("q", Search is null ? null : Uri.EscapeDataString(Search));
        Add("attention", AttentionOnly ? "true" : null);
        Add("stale", StaleOnly ? "true" : null);
        return string.Join('&', parts);
    }

    public bool Equals(TeamQuery? other) =>
        other is not null
        && Statuses.SequenceEqual(other.Statuses)
        && Providers.SequenceEqual(other.Providers)
        && Resources.SequenceEqual(other.Resources)
        && Connections.SequenceEqual(other.Connections)
        && Search == other.Search
        && AttentionOnly == other.AttentionOnly
        && StaleOnly == other.StaleOnly;

    public override int GetHashCode() => ToQueryString().GetHashCode(StringComparison.Ordinal);
}
