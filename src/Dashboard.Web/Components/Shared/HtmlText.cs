using System.Text.Encodings.Web;

namespace Dashboard.Web.Components.Shared;

/// <summary>Text for markup strings the components build themselves (ADR 0010): every value from Vital goes through here.</summary>
public static class HtmlText
{
    /// <summary>HTML-encoded, for an element's text or an attribute value; null reads as empty.</summary>
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
