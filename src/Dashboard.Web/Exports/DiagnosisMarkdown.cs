using System.Globalization;
using System.Text;
using Dashboard.Diagnosis;

namespace Dashboard.Web.Exports;

/// <summary>
/// A diagnosis as Markdown for a support ticket, and what Vital's support asks for when it is escalated: the Vital and
/// client user ids, the team, environment and region, the findings with their next steps, the connections with their
/// errors, and a table per provider with trace ids and releases. Upstream values are escaped: a status or resource
/// name Vital adds later is shown as text, never as markup.
/// </summary>
public static class DiagnosisMarkdown
{
    /// <summary>What an inline code span cannot hold safely (see <see cref="Code"/>).</summary>
    private static readonly System.Buffers.SearchValues<char> NotForCodeSpans = System.Buffers.SearchValues.Create("`|\\<>");

    public static string Render(UserDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var md = new StringBuilder();

        md.Append("## Vital diagnosis for user ").Append(Code(diagnosis.UserId)).Append('\n').Append('\n');
        md.Append("**").Append(diagnosis.Overall.ToDisplayName()).Append(":** ").Append(Text(diagnosis.Headline)).Append("  \n");
        md.Append("As of ").Append(Time(diagnosis.AsOf));
        if (diagnosis.Link is { Length: > 0 } link)
        {
            md.Append(" · [Open in the dashboard](").Append(link.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
        }

        md.Append('\n').Append('\n');
        Identity(md, diagnosis);
        Findings(md, diagnosis);
        Connections(md, diagnosis);
        foreach (var provider in diagnosis.Providers)
        {
            Provider(md, provider);
        }

        return md.ToString();
    }

    /// <summary>Who and where: what Vital's support needs to find the user on their side.</summary>
    private static void Identity(StringBuilder md, UserDiagnosis diagnosis)
    {
        md.Append("### For Vital support\n\n");
        md.Append("- Vital user id: ").Append(Code(diagnosis.UserId)).Append('\n');
        md.Append("- Client user id: ").Append(diagnosis.ClientUserId is { } client ? Code(client) : "–").Append('\n');
        md.Append("- Team id: ").Append(diagnosis.TeamId is { } team ? Code(team) : "–")
            .Append(" · environment: ").Append(diagnosis.Environment is { } environment ? Text(environment) : "–")
            .Append(" · region: ").Append(diagnosis.Region is { } region ? Text(region) : "–").Append('\n');
        if (diagnosis.User is { } user)
        {
            md.Append("- User created: ").Append(Time(user.CreatedOn))
                .Append(" · ingestion window: ").Append(Day(user.IngestionStart) ?? "open").Append(" → ").Append(Day(user.IngestionEnd) ?? "open").Append('\n');
        }

        if (diagnosis.Sources is { } sources && Unread(sources) is { Length: > 0 } unread)
        {
            md.Append("- Partial answer: ").Append(unread).Append('\n');
        }

        md.Append('\n');
    }

    private static string Unread(DiagnosisSources sources)
    {
        var parts = new List<string>();
        Add("the user", sources.User);
        Add("the connections", sources.Connections);
        Add("the historical pulls", sources.HistoricalPulls);
        Add("the ongoing data", sources.Resources);
        return string.Join(", ", parts);

        void Add(string name, SourceState state)
        {
            if (state == SourceState.Unavailable)
            {
                parts.Add(name + " could not be read");
            }
        }
    }

    private static void Findings(StringBuilder md, UserDiagnosis diagnosis)
    {
        if (diagnosis.Findings.Count == 0)
        {
            md.Append("No findings: every pull looks as expected.\n\n");
            return;
        }

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

    /// <summary>The connections: status, the error as Vital wrote it and when, the external id, the permissions denied.</summary>
    private static void Connections(StringBuilder md, UserDiagnosis diagnosis)
    {
        if (diagnosis.Connections.Count == 0)
        {
            return;
        }

        md.Append("### Connections\n\n");
        md.Append("| Provider | Status | Error type | Error message | Errored at | External user id | Denied permissions |\n");
        md.Append("|---|---|---|---|---|---|---|\n");
        foreach (var c in diagnosis.Connections)
        {
            var denied = c.UnavailableResources
                .Select(u => $"{Text(u.DisplayName)}{(u.DeniedScopes.Count > 0 ? " (" + string.Join(", ", u.DeniedScopes.Select(Code)) + ")" : string.Empty)}")
                .ToList();
            md.Append("| ").Append(Cell(c.DisplayName))
                .Append(" | ").Append(c.Status.Value.Length == 0 ? "–" : Code(c.Status.Value))
                .Append(" | ").Append(c.ErrorType is { Value.Length: > 0 } type ? Code(type.Value) : "–")
                .Append(" | ").Append(c.ErrorMessage is { Length: > 0 } message ? Cell(message) : "–")
                .Append(" | ").Append(Time(c.ErroredAt))
                .Append(" | ").Append(c.ExternalUserId is { Length: > 0 } external ? Code(external) : "–")
                .Append(" | ").Append(denied.Count == 0 ? "–" : string.Join("; ", denied))
                .Append(" |\n");
        }

        md.Append('\n');
    }

    private static void Provider(StringBuilder md, ProviderDiagnosis provider)
    {
        md.Append("### ").Append(Text(provider.DisplayName));
        if (!string.Equals(provider.DisplayName, provider.Provider, StringComparison.Ordinal))
        {
            md.Append(" (").Append(Code(provider.Provider)).Append(')');
        }

        md.Append("\n\n");
        if (provider.Resources.Count > 0)
        {
            md.Append("| Resource | Status | Range | Days with data | Scheduled | Started | Ended | Newest data | Last attempt | Error details | Release | Trace id |\n");
            md.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var r in provider.Resources)
            {
                md.Append("| ").Append(Cell(r.Resource))
                    .Append(" | ").Append(Cell(r.StatusDisplayName))
                    .Append(" | ").Append(r.RangeStart is null && r.RangeEnd is null ? "–" : $"{Date(r.RangeStart)} → {Date(r.RangeEnd)}")
                    .Append(" | ").Append(r.HasPull ? r.DaysWithData.ToString(CultureInfo.InvariantCulture) : "–")
                    .Append(r.DaysInRange is { } days ? $" of {days.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
                    .Append(" | ").Append(Time(r.ScheduledAt))
                    .Append(" | ").Append(Time(r.StartedAt))
                    .Append(" | ").Append(Time(r.EndedAt))
                    .Append(" | ").Append(Time(r.Freshness?.NewestData)).Append(r.Freshness?.Stale == true ? " (stale)" : string.Empty)
                    .Append(" | ").Append(Attempt(r.Freshness))
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

    /// <summary>"2026-12-04 09:00:00 UTC (failure)"; the status verbatim, as code.</summary>
    private static string Attempt(FreshnessDiagnosis? freshness) =>
        freshness?.LastAttemptAt is not { } at
            ? "–"
            : Time(at) + (freshness.LastAttemptStatus is { Value.Length: > 0 } status ? $" ({Code(status.Value)})" : string.Empty);

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

        if (evidence.ErrorType is { Value.Length: > 0 } type)
        {
            parts.Add("error type " + Code(type.Value));
        }

        if (evidence.ErrorMessage is { Length: > 0 } message)
        {
            parts.Add("error message \"" + Text(message) + "\"");
        }

        if (evidence.ErroredAt is { } erroredAt)
        {
            parts.Add("errored at " + Time(erroredAt));
        }

        if (evidence.Resources is { Count: > 0 } resources)
        {
            parts.Add("resources " + string.Join(", ", resources.Select(Code)));
        }

        if (evidence.Scopes is { Count: > 0 } scopes)
        {
            parts.Add("denied permissions " + string.Join(", ", scopes.Select(Code)));
        }

        if (evidence.NewestData is { } newest)
        {
            parts.Add("newest data " + Time(newest));
        }

        if (evidence.LastAttemptAt is { } attempt)
        {
            parts.Add("last attempt " + Time(attempt));
        }

        return parts.Count == 0 ? string.Empty : string.Join(", ", parts) + ".";
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    /// <summary>
    /// Plain text: Markdown and HTML punctuation escaped, kept on one line. So are the marks that GitHub-flavoured
    /// renderers turn into links or mentions on their own: the colon of <c>://</c> or <c>mailto:</c>, the dot of a
    /// <c>www.</c> and every <c>@</c>. Text from Vital or a provider (an error message) stays text to read in a ticket,
    /// never a link to click or a person pinged; the rendered words are the same.
    /// </summary>
    internal static string Text(string value)
    {
        var clean = OneLine(value);
        var escaped = new StringBuilder(clean.Length + 8);
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!' or '~' or '@'
                || (c == ':' && IsLinkColon(clean, i))
                || (c == '.' && IsWwwDot(clean, i)))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Schemes renderers link without slashes after their colon.</summary>
    private static readonly string[] SlashlessSchemes = ["mailto", "xmpp", "tel"];

    /// <summary>The colon of <c>://</c>, or of a scheme renderers link without slashes (<see cref="SlashlessSchemes"/>).</summary>
    private static bool IsLinkColon(string text, int colon) =>
        text.AsSpan(colon + 1).StartsWith("//", StringComparison.Ordinal)
        || SlashlessSchemes.Any(scheme => text.AsSpan(0, colon).EndsWith(scheme, StringComparison.OrdinalIgnoreCase));

    /// <summary>The dot of a <c>www.</c> that starts a word (where a GFM renderer starts an autolink).</summary>
    private static bool IsWwwDot(string text, int dot) =>
        dot >= 3 && text.AsSpan(dot - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase)
        && (dot == 3 || !char.IsLetterOrDigit(text[dot - 4]));

    private static string Cell(string value) => Text(value);

    private static string OneLine(string value) =>
        Vital.Introspection.BidiControls.Strip(
            string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace("\0", string.Empty, StringComparison.Ordinal))!;
}
