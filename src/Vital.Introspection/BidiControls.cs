namespace Vital.Introspection;

/// <summary>
/// Bidirectional-control characters (U+202A–U+202E, U+2066–U+2069) reorder the text around them when shown: a
/// provider name or error message carrying one could make a page, a CSV cell or a pasted escalation read other than
/// it is ("Trojan Source"). Every string read from Vital passes through <see cref="Strip"/>, so none reaches a display.
/// </summary>
public static class BidiControls
{
    public static bool Is(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary><paramref name="text"/> without bidirectional controls (the same instance when it has none).</summary>
    public static string? Strip(string? text)
    {
        if (text is null || !text.AsSpan().ContainsAnyInRange('\u202A', '\u2069'))
        {
            return text;
        }

        return string.Create(text.Length - text.Count(Is), text, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!Is(c))
                {
                    span[i++] = c;
                }
            }
        });
    }
}
