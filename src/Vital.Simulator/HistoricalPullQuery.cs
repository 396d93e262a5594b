using System.Globalization;
using Vital.Introspection;

namespace Vital.Simulator;

/// <summary>
/// The query parameters of both introspection endpoints (historical pulls and resources take the same), validated the
/// way FastAPI and pydantic do: every problem is collected, each as <c>{"type", "loc": ["query", name], "msg", "input"}</c>.
/// The deprecated <c>cursor</c> is read and ignored. Also the checks other endpoints share (a UUID, a bounded number).
/// </summary>
internal sealed class HistoricalPullQuery
{
    public const int DefaultUserLimit = 50;
    public const int MaxUserLimit = 50;

    /// <summary>The <c>Labs</c> enum the spec also allows for <c>provider</c>; no simulated user has one.</summary>
    private static readonly string[] Labs =
        ["ayumetrix", "spiriplex", "ussl", "quest", "sonora_quest", "labcorp", "bioreference", "us_biotek", "manual", "sanocardio", "ihd", "nexus", "my_uti", "crl", "mtl"];

    private static readonly HashSet<string> AcceptedProviders =
        [.. ProviderSlug.Known.Select(p => p.Value), .. Labs];

    private static readonly string ExpectedProviders = Expected([.. ProviderSlug.Known.Select(p => p.Value), .. Labs.Except(ProviderSlug.Known.Select(p => p.Value))]);

    public Guid? UserId { get; private init; }
    public string? Provider { get; private init; }
    public int UserLimit { get; private init; } = DefaultUserLimit;
    public string? NextCursor { get; private init; }
    public IReadOnlyList<ValidationError> Errors { get; private init; } = [];

    /// <param name="query">The raw query string, with or without its leading <c>?</c>.</param>
    /// <param name="isPresentProvider">Whether a slug the spec does not list belongs to the team (a provider Vital added since).</param>
    public static HistoricalPullQuery Parse(string query, Func<string, bool> isPresentProvider)
    {
        var values = ParseQueryString(query);
        var errors = new List<ValidationError>();

        Guid? userId = null;
        if (values.TryGetValue("user_id", out var userIdText))
        {
            if (TryParseUuid(userIdText, out var id, out var problem))
            {
                userId = id;
            }
            else
            {
                errors.Add(InvalidUuid("user_id", userIdText, problem));
            }
        }

        values.TryGetValue("provider", out var provider);
        if (provider is not null && !AcceptedProviders.Contains(provider) && !isPresentProvider(provider))
        {
            errors.Add(new("enum", "provider", $"Input should be {ExpectedProviders}", provider, "expected", ExpectedProviders));
        }

        var userLimit = DefaultUserLimit;
        if (values.TryGetValue("user_limit", out var limitText))
        {
            var trimmed = limitText.Trim();
            var digits = trimmed.Length > 0 && trimmed[0] is '+' or '-' ? trimmed[1..] : trimmed;
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            {
                errors.Add(new("int_parsing", "user_limit", "Input should be a valid integer, unable to parse string as an integer", limitText));
            }
            else if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
            {
                // Python's ints have no upper bound: a huge number is just more than the cap, a huge negative one is below 1.
                if (trimmed[0] == '-')
                {
                    errors.Add(TooSmall(limitText));
                }
                else
                {
                    userLimit = MaxUserLimit;
                }
            }
            else if (limit < 1)
            {
                errors.Add(TooSmall(limitText));
            }
            else
            {
                userLimit = (int)Math.Min(limit, MaxUserLimit);
            }
        }

        values.TryGetValue("next_cursor", out var nextCursor);
        return new HistoricalPullQuery
        {
            UserId = userId,
            Provider = provider,
            UserLimit = userLimit,
            NextCursor = string.IsNullOrEmpty(nextCursor) ? null : nextCursor,
            Errors = errors,
        };
    }

    /// <summary>pydantic's error for a value that is not a UUID (a query parameter; set <c>Location</c> for a path one).</summary>
    public static ValidationError InvalidUuid(string parameter, string input, string problem) =>
        new("uuid_parsing", parameter, $"Input should be a valid UUID, {problem}", input, "error", problem);

    /// <summary>pydantic's check of a number with bounds (<c>float</c>, <c>ge</c>, <c>le</c>), or null when it passes.</summary>
    public static ValidationError? CheckNumber(string parameter, string input, int min, int max)
    {
        if (!double.TryParse(input.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new("float_parsing", parameter, "Input should be a valid number, unable to parse string as a number", input);
        }

        if (!(value >= min)) // NaN too
        {
            return new("greater_than_equal", parameter, string.Create(CultureInfo.InvariantCulture, $"Input should be greater than or equal to {min}"), input, "ge", min);
        }

        return value > max
            ? new("less_than_equal", parameter, string.Create(CultureInfo.InvariantCulture, $"Input should be less than or equal to {max}"), input, "le", max)
            : null;
    }

    public static ValidationError InvalidCursor(string input, string problem) =>
        new("value_error", "next_cursor", $"Value error, {problem}", input, "error", problem);

    private static ValidationError TooSmall(string input) =>
        new("greater_than_equal", "user_limit", "Input should be greater than or equal to 1", input, "ge", 1);

    /// <summary>Name/value pairs; '+' is a space; a repeated name keeps its last value, as Starlette's query params do for a single-valued parameter.</summary>
    public static Dictionary<string, string> ParseQueryString(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Unescape(part[(equals + 1)..]);
            values[name] = value;
        }

        return values;
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>
    /// What pydantic (through the Rust <c>uuid</c> crate) accepts: hyphenated, simple (32 hex digits), braced, or
    /// <c>urn:uuid:</c>-prefixed, in any case. The problem texts follow that crate's.
    /// </summary>
    public static bool TryParseUuid(string input, out Guid id, out string problem)
    {
        id = Guid.Empty;
        problem = string.Empty;
        var text = input;
        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[9..];
        }
        else if (text.Length >= 2 && text[0] == '{' && text[^1] == '}')
        {
            text = text[1..^1];
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]) && text[i] != '-')
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `{text[i]}` at {i + 1}");
                return false;
            }
        }

        if (!text.Contains('-', StringComparison.Ordinal))
        {
            if (text.Length != 32)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"invalid length: expected length 32 for simple format, found {text.Length}");
                return false;
            }
        }
        else
        {
            var groups = text.Split('-');
            if (groups.Length != 5)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"invalid group count: expected 5, found {groups.Length}");
                return false;
            }

            int[] expected = [8, 4, 4, 4, 12];
            for (var g = 0; g < 5; g++)
            {
                if (groups[g].Length != expected[g])
                {
                    problem = string.Create(CultureInfo.InvariantCulture,
                        $"invalid group length in group {g}: expected {expected[g]}, found {groups[g].Length}");
                    return false;
                }
            }
        }

        return Guid.TryParse(text, out id);
    }

    /// <summary>pydantic's list of choices: <c>'a', 'b' or 'c'</c>.</summary>
    private static string Expected(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $" or '{values[^1]}'";
}
