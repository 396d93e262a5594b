using System.Globalization;
using System.Text;
using Dashboard.Diagnosis;

namespace Dashboard.Web.Exports;

/// <summary>
/// A diagnosis as Markdown for a support ticket: headline, findings with their next steps, a table per provider,
/// trace ids and the link. Upstream values are escaped: a status or resource name Vital adds later is shown as
/// text, never as markup.
/// </summary>
public static class DiagnosisMarkdown
{
    /// <summary>What an inline code span cannot hold safely (see <see cref="Code"/>).</summary>
    private static readonly System.Buffers.SearchValues<char> NotForCodeSpans = System.Buffers.SearchValues.Create("`|\\<>");

    public static string Render(UserDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var md = new StringBuilder();

        md.Append("## Vital historical pulls for user ").Append(Code(diagnosis.UserId)).Append('\n').Append('\n');
        md.Append("**").Append(diagnosis.Overall.ToDisplayName()).Append(":** ").Append(Text(diagnosis.Headline)).Append("  \n");
        md.Append("As of ").Append(Time(diagnosis.AsOf));
        if (diagnosis.Link is { Length: > 0 } link)
        {
            md.Append(" · [Open in the dashboard](").Append(link.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
        }

        md.Append('\n').Append('\n');

        if (diagnosis.Findings.Count > 0)
        {
            md.Append("### Findings\n\n");
            var number = 1;
            foreach (var finding in diagnosis.Findings)
            {
                md.Append(number++).Append(". **").Append(finding.Severity.ToDisplayName()).Append(": ").Append(Text(finding.Title)).Append("** ")
                    .Append(Code(finding.Code)).Append("  \n");
                md.Append("   ").Append(Text(finding.Explanation)).Append("  \n");
                md.Append("   **Next step:** ").Append(Text(finding.Action));
                var evidence = Evidence(finding.Evidence);
                if (evidence.Length > 0)
                {
                    md.Append("  \n   ").Append(evidence);
                }

                md.Append('\n');
            }

            md.Append('\n');
        }
        else
        {
            md.Append("No findings: every pull looks as expected.\n\n");
        }

        foreach (var provider in diagnosis.Providers)
        {
            md.Append("### ").Append(Text(provider.DisplayName));
            if (!string.Equals(provider.DisplayName, provider.Provider, StringComparison.Ordinal))
            {
                md.Append(" (").Append(Code(provider.Provider)).Append(')');
            }

            md.Append("\n\n");
            if (provider.Resources.Count > 0)
            {
                md.Append("| Resource | Status | Range | Days with data | Scheduled | Started | Ended | Error details | Release | Trace id |\n");
                md.Append("|---|---|---|---|---|---|---|---|---|---|\n");
                foreach (var r in provider.Resources)
                {
                    md.Append("| ").Append(Cell(r.Resource))
                        .Append(" | ").Append(Cell(r.StatusDisplayName))
                        .Append(" | ").Append(r.RangeStart is null && r.RangeEnd is null ? "–" : $"{Date(r.RangeStart)} → {Date(r.RangeEnd)}")
                        .Append(" | ").Append(r.DaysWithData.ToString(CultureInfo.InvariantCulture))
                        .Append(r.DaysInRange is { } days ? $" of {days.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
                        .Append(" | ").Append(Time(r.ScheduledAt))
                        .Append(" | ").Append(Time(r.StartedAt))
                        .Append(" | ").Append(Time(r.EndedAt))
                        .Append(" | ").Append(r.ErrorDetails is null ? "–" : Code(r.ErrorDetails))
                        .Append(" | ").Append(r.Release is null ? "–" : Code(r.Release))
                        .Append(" | ").Append(r.TraceId is null ? "–" : Code(r.TraceId))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            if (provider.NotPulled.Count > 0)
            {
                md.Append("Not pulled: ").Append(string.Join(", ", provider.NotPulled.Select(Code))).Append("\n\n");
            }
        }

        return md.ToString();
    }

    private static string Evidence(FindingEvidence evidence)
    {
        var parts = new List<string>();
        if (evidence.TraceId is { } trace)
        {
            parts.Add("Trace id " + Code(trace));
        }

        if (evidence.Release is { } release)
        {
            parts.Add("release " + Code(release));
        }

        if (evidence.ErrorDetails is { } details)
        {
            parts.Add("error details " + Code(details));
        }

        if (evidence.Resources is { Count: > 0 } resources)
        {
            parts.Add("resources " + string.Join(", ", resources.Select(Code)));
        }

        return parts.Count == 0 ? string.Empty : string.Join(", ", parts) + ".";
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "–";

    private static string Date(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "?";

    /// <summary>
    /// An inline code span for identifiers (trace ids, releases, slugs). A value a code span cannot hold safely is
    /// written as escaped text instead: inside a span nothing can be escaped, so <c>&lt;</c> would stay raw HTML for
    /// renderers that are not strict CommonMark, a backtick would end the span, and a backslash before a pipe would
    /// split a GFM table cell.
    /// </summary>
    internal static string Code(string value)
    {
        var clean = OneLine(value);
        return clean.Length == 0 || clean.AsSpan().IndexOfAny(NotForCodeSpans) >= 0 ? Text(clean) : $"`{clean}`";
    }

    /// <summary>Plain text: Markdown and HTML punctuation escaped, kept on one line.</summary>
    internal static string Text(string value)
    {
        var clean = OneLine(value);
        var escaped = new StringBuilder(clean.Length + 8);
        foreach (var c in clean)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Cell(string value) => Text(value);

    private static string OneLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace("\0", string.Empty, StringComparison.Ordinal);
}
