using System.Buffers;

namespace Dashboard.Web.Observability;

/// <summary>
/// An upstream string fit to be a metric attribute. Providers, statuses and connection states are short snake-case
/// words with hardly a digit (<c>dexcom_v3</c>); anything else (a value not shaped like one: an id, hex, garbage) becomes
/// <c>other</c>, so an attribute can neither carry an id nor grow without bound.
/// </summary>
internal static class LabelValue
{
    public const string None = "none";
    public const string Other = "other";
    private const int MaxLength = 48;
    private const int MaxDigits = 3;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

    public static string Of(string? value) =>
        string.IsNullOrEmpty(value) ? None
        : value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed) && Digits(value) <= MaxDigits ? value
        : Other;

    private static int Digits(string value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }
}
