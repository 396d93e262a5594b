using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Diagnosis;
using Dashboard.Store.Reading;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Components.Pages.Changes;

/// <summary>
/// What <c>/changes</c> (and <c>/api/changes.csv</c>) shows, all of it in the query string: <c>since</c> (an ISO-8601
/// time such as <c>2026-12-04T07:00:00Z</c>, or a span back from now: <c>30m</c>, <c>24h</c>, <c>7d</c>, <c>2w</c>;
/// default <c>24h</c>), <c>provider</c> and <c>code</c> (comma-separated), <c>change</c> (<c>appeared</c> or
/// <c>cleared</c>; default both).
/// </summary>
public sealed partial record ChangesQuery
{
    public const string DefaultSince = "24h";

    /// <summary>The longest span back: nothing is kept longer than Store:RetentionDays allows anyway.</summary>
    public static readonly TimeSpan LongestSpan = TimeSpan.FromDays(3650);

    public static ChangesQuery Default { get; } = new();

    /// <summary><c>since</c> as written (a span or a time).</summary>
    public string Since { get; init; } = DefaultSince;

    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<string> Codes { get; init; } = [];

    public ChangeDirection Change { get; init; } = ChangeDirection.Both;

    /// <summary>The time <see cref="Since"/> means, seen at <paramref name="now"/>.</summary>
    public DateTimeOffset SinceTime(DateTimeOffset now) => TryParseSince(Since, now, out var since) ? since : now.AddHours(-24);

    public ChangesFilter ToFilter(DateTimeOffset now, int limit) => new()
    {
        Since = SinceTime(now),
        Providers = Providers,
        Codes = Codes,
        Direction = Change,
        Limit = limit,
    };

    /// <summary>Reads the query string; a value it cannot use is left out (or defaulted) with a sentence in <paramref name="problems"/>.</summary>
    public static ChangesQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, DateTimeOffset now, out List<string> problems)
    {
        problems = [];
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = new ChangesQuery();

        if (values.TryGetValue("since", out var since) && since.Trim().Length > 0)
        {
            if (TryParseSince(since.Trim(), now, out _))
            {
                result = result with { Since = since.Trim() };
            }
            else
            {
                problems.Add($"“{Shorten(since)}” is not a time (such as 2026-12-04T07:00:00Z) or a span (such as 24h or 7d): the last 24 hours are shown.");
            }
        }

        if (values.TryGetValue("provider", out var providers))
        {
            var (good, bad) = Split(providers, p => ProviderSlugPattern().IsMatch(p));
            result = result with { Providers = good };
            if (bad.Count > 0)
            {
                problems.Add($"Not a provider name: {string.Join(", ", bad.Select(Shorten))}.");
            }
        }

        if (values.TryGetValue("code", out var codes))
        {
            var (good, bad) = Split(codes, c => FindingCodes.All.Contains(c, StringComparer.Ordinal));
            result = result with { Codes = good };
            if (bad.Count > 0)
            {
                problems.Add($"Not a finding code: {string.Join(", ", bad.Select(Shorten))}.");
            }
        }

        if (values.TryGetValue("change", out var change) && change.Trim().Length > 0)
        {
            switch (change.Trim().ToLowerInvariant())
            {
                case "appeared": result = result with { Change = ChangeDirection.Appeared }; break;
                case "cleared": result = result with { Change = ChangeDirection.Cleared }; break;
                case "both": break;
                default: problems.Add($"change is appeared or cleared, not “{Shorten(change)}”: both are shown."); break;
            }
        }

        return result;
    }

    /// <summary>A time as <c>since</c> writes it: ISO 8601 in UTC, to the second.</summary>
    public static string FormatSince(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        var span = SpanPattern().Match(text);
        if (span.Success)
        {
            if (!long.TryParse(span.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unit = span.Groups[2].Value.ToLowerInvariant() switch
            {
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                "d" => TimeSpan.FromDays(1),
                _ => TimeSpan.FromDays(7),
            };
            if (amount <= 0 || amount > LongestSpan / unit)
            {
                return false;
            }

            since = now - unit * amount;
            return true;
        }

        // A time must say its zone (Z or an offset): a bare local time would mean different things to different people.
        if (IsoPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            && time <= now.AddDays(1))
        {
            since = time.ToUniversalTime();
            return true;
        }

        return false;
    }

    public string ToQueryString()
    {
        var parts = new List<string>();
        if (!string.Equals(Since, DefaultSince, StringComparison.OrdinalIgnoreCase))
        {
            parts.Add("since=" + Uri.EscapeDataString(Since));
        }

        if (Providers.Count > 0)
        {
            parts.Add("provider=" + string.Join(',', Providers.Select(Uri.EscapeDataString)));
        }

        if (Codes.Count > 0)
        {
            parts.Add("code=" + string.Join(',', Codes));
        }

        if (Change != ChangeDirection.Both)
        {
            parts.Add("change=" + (Change == ChangeDirection.Appeared ? "appeared" : "cleared"));
        }

        return string.Join('&', parts);
    }

    private static (List<string> Good, List<string> Bad) Split(string text, Func<string, bool> valid)
    {
        var good = new List<string>();
        var bad = new List<string>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
        {
            (valid(item) ? good : bad).Add(item);
        }

        return (good, bad);
    }

    /// <summary>
    /// What was asked, as the message quotes it: 40 characters at most, markup characters, controls and bidirectional
    /// overrides shown as "?" (the message also goes into the CSV endpoint's problem body, where nothing is HTML-encoded).
    /// </summary>
    private static string Shorten(string text)
    {
        var shown = new string([.. text.Take(40).Select(c => c is '<' or '>' or '"' or '\'' or '&' or '`' || char.IsControl(c) || Vital.Introspection.BidiControls.Is(c) ? '?' : c)]);
        return text.Length <= 40 ? shown : shown + "…";
    }

    [GeneratedRegex("^([0-9]{1,7})([mhdwMHDW])$")]
    private static partial Regex SpanPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoPattern();

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex ProviderSlugPattern();
}
