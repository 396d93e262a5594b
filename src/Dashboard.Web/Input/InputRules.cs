using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Vital.Introspection;

namespace Dashboard.Web.Input;

/// <summary>
/// What the dashboard accepts from a URL before anything reaches the upstream. Vital's user ids are UUIDs;
/// provider, resource and status names are lower-case slugs. Anything else gets a clear message and no
/// upstream call.
/// </summary>
public static partial class InputRules
{
    public const int MaxSlugLength = 64;
    public const int MaxSearchLength = MaxClientUserIdLength;
    public const int MaxListItems = 50;

    /// <summary>
    /// A Vital user id: a UUID in its usual 36-character form (surrounding spaces forgiven, braces too), returned
    /// lower-case so one user has one cache entry and one link.
    /// </summary>
    public static bool TryNormalizeUserId(string? text, [NotNullWhen(true)] out string? userId)
    {
        userId = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') && trimmed.EndsWith('}'))
        {
            trimmed = trimmed[1..^1];
        }

        if (trimmed.Length != 36 || !Guid.TryParseExact(trimmed, "D", out var guid))
        {
            return false;
        }

        userId = guid.ToString("D");
        return true;
    }

    /// <summary>The message for a user id that is not one, safe to show (it never repeats the input).</summary>
    public const string UserIdProblem =
        "That is not a Vital user id. User ids are UUIDs such as 7aec8422-8174-4464-a4b2-b04c5939be0d; copy it again from your records or from Vital.";

    /// <summary>A provider, resource or status name as Vital writes them: lower-case letters, digits and underscores.</summary>
    public static bool IsSlug(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxSlugLength && SlugPattern().IsMatch(text);

    /// <summary>
    /// The search box: a Vital user id or a client user id (or part of one), printable, not too long, kept as typed
    /// (client ids are the customer's own and may differ only in case). Only an exact client id is ever sent upstream.
    /// </summary>
    public static bool TryNormalizeSearch(string? text, out string? search)
    {
        search = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxSearchLength || trimmed.Any(char.IsControl))
        {
            return false;
        }

        search = trimmed;
        return true;
    }

    /// <summary>The longest client user id accepted (Vital's own ids are far shorter; a longer one is a paste gone wrong).</summary>
    public const int MaxClientUserIdLength = 256;

    /// <summary>
    /// A customer's own user id as Vital's lookup takes it: any characters but control ones, not blank, not too long,
    /// and not <c>.</c> or <c>..</c> (steps in an address: Vital's lookup path cannot carry them, and
    /// the request would reach another endpoint). Kept exactly as given (spaces and case included): it is the customer's string.
    /// </summary>
    public static bool IsClientUserId([NotNullWhen(true)] string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= MaxClientUserIdLength && !text.Any(char.IsControl)
        && !VitalIntrospectionClient.IsPathStep(text);

    /// <summary>The message for a client user id that is not one, safe to show (it never repeats the input).</summary>
    public const string ClientUserIdProblem =
        "That is not a client user id: it is empty, longer than 256 characters, holds control characters (a line break, for instance), or is a lone \".\" or \"..\". Copy it again from your own system.";

    [GeneratedRegex("^[a-z0-9][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
