using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Builds HTML and SVG markup as one string, for the rows an open page would otherwise hold as thousands of render-tree
/// frames (docs/decisions/0010-lean-circuits.md). Safe by construction: every text and attribute value is HTML-encoded,
/// element and attribute names must be plain names written in code, and the only markup taken as it is comes from
/// <see cref="TrustedIcon"/>. Elements must be closed in order.
/// </summary>
public sealed partial class MarkupWriter(int capacity = 512)
{
    private readonly StringBuilder _markup = new(capacity);
    private readonly Stack<string> _open = new();

    /// <summary>Opens <paramref name="tag"/> with the attributes whose value is not null.</summary>
    public MarkupWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _markup.Append('<').Append(CheckName(tag));
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _markup.Append(' ').Append(CheckName(name)).Append("=\"").Append(HtmlEncoder.Default.Encode(value)).Append('"');
            }
        }

        _markup.Append('>');
        _open.Push(tag);
        return this;
    }

    /// <summary>Closes the element opened last, which must be <paramref name="tag"/>.</summary>
    public MarkupWriter Close(string tag)
    {
        if (!_open.TryPop(out var open) || !string.Equals(open, tag, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"</{tag}> does not close the element opened last ({open ?? "none"}).");
        }

        _markup.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element with text (encoded) and nothing else inside.</summary>
    public MarkupWriter Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>An element with nothing inside (<c>&lt;rect …&gt;&lt;/rect&gt;</c>).</summary>
    public MarkupWriter Empty(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Close(tag);

    /// <summary>Text, HTML-encoded; null writes nothing.</summary>
    public MarkupWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _markup.Append(HtmlEncoder.Default.Encode(text));
        }

        return this;
    }

    /// <summary>
    /// A line break between elements: read as text (an accessible name, a copy), the elements' words then stay
    /// apart ("Google Fit · activity" and "Retrying" rather than "activityRetrying").
    /// </summary>
    public MarkupWriter Line()
    {
        _markup.Append('\n');
        return this;
    }

    /// <summary>
    /// An icon as inline SVG, hidden from screen readers (the text beside it names it). The path is the sprite's
    /// (<see cref="IconSprite"/>): a row repeats a short reference, not the path (docs/decisions/0010-lean-circuits.md).
    /// </summary>
    public MarkupWriter Icon(TrustedIcon icon, int size = 20, string? color = null, string? cssClass = null)
    {
        var size2 = Number(size);
        Open("svg",
            ("class", cssClass is null ? "inline-icon" : "inline-icon " + cssClass),
            ("viewBox", "0 0 24 24"),
            ("width", size2),
            ("height", size2),
            ("focusable", "false"),
            ("aria-hidden", "true"),
            ("style", color is null ? null : "color: " + color));
        return Use(icon).Close("svg");
    }

    /// <summary>An icon inside an SVG drawing, placed at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public MarkupWriter Icon(TrustedIcon icon, double x, double y, int size, string cssClass)
    {
        Open("svg",
            ("class", cssClass),
            ("x", Number(x)),
            ("y", Number(y)),
            ("width", Number(size)),
            ("height", Number(size)),
            ("viewBox", "0 0 24 24"),
            ("aria-hidden", "true"));
        return Use(icon).Close("svg");
    }

    /// <summary>The icon's path as a <c>&lt;symbol&gt;</c> of the sprite (<see cref="IconSprite"/>), which <see cref="Icon(TrustedIcon, int, string?, string?)"/> refers to.</summary>
    public MarkupWriter Symbol(TrustedIcon icon)
    {
        Open("symbol", ("id", icon.Id), ("viewBox", "0 0 24 24"));
        _markup.Append(icon.Svg);
        return Close("symbol");
    }

    private MarkupWriter Use(TrustedIcon icon)
    {
        _markup.Append("<use href=\"#").Append(icon.Id).Append("\"></use>");
        return this;
    }

    /// <summary>The markup; every element must be closed.</summary>
    public MarkupString ToMarkup() => new(ToString());

    public override string ToString()
    {
        if (_open.Count > 0)
        {
            throw new InvalidOperationException($"<{_open.Peek()}> is still open.");
        }

        return _markup.ToString();
    }

    /// <summary>A number for an attribute: invariant, at most two decimals ("12.5", "300").</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string CheckName(string name) =>
        NamePattern().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not an element or attribute name.", nameof(name));

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
