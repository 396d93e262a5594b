using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// Writes the cells of a resource's row, from its name to its release and trace id, as one markup block: a dozen rows
/// drawn as elements held an open page's largest render tree but the timeline's (docs/decisions/0010-lean-circuits.md).
/// The name is a link to the pull, so the keyboard reaches every row; the table's click handler selects the row (or,
/// from the copy button, copies its trace id), and dashboard.js keeps a plain click on the link from navigating.
/// </summary>
public static class ResourceCells
{
    public static MarkupString Write(ResourceDiagnosis resource, string providerName, bool withErrorDetails, TimeDisplay times, string pullHref)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(times);
        var w = new MarkupWriter(768);
        w.Open("th", ("scope", "row"), ("class", "resource-name"), ("title", resource.Resource))
            .Element("a", resource.DisplayName, ("class", "pull-link"), ("href", pullHref))
            .Close("th").Line();

        // data-label: a narrow table shows each cell under its column's name (ProviderResources.razor.css).
        w.Open("td", ("data-label", "Status"));
        if (resource.HasPull)
        {
            StatusBadge.Write(w, resource.Status);
        }
        else
        {
            StatusBadge.Write(w, null, "Vital holds ongoing data of this resource but never pulled its history", resource.StatusDisplayName);
        }

        w.Close("td").Line();

        w.Open("td", ("class", "range"), ("data-label", "Data range"));
        if (resource.RangeStart is null && resource.RangeEnd is null)
        {
            w.Element("span", "Not set yet", ("class", "mud-text-secondary"));
        }
        else
        {
            // Each date whole on its line: a narrow column broke them at their hyphens ("2026-08-" / "13 →").
            w.Open("span", ("title", $"{times.Exact(resource.RangeStart)} → {times.Exact(resource.RangeEnd)}"))
                .Element("span", $"{Day(resource.RangeStart, times)} →", ("class", "nowrap"))
                .Text(" ")
                .Element("span", Day(resource.RangeEnd, times), ("class", "nowrap"))
                .Close("span");
        }

        w.Close("td").Line();

        w.Open("td", ("class", "coverage-cell"), ("data-label", "Days with data")).Element("div", DaysText(resource), ("class", "nowrap"));
        if (resource.Coverage is { } coverage)
        {
            var percent = Math.Clamp(coverage, 0, 1) * 100;
            w.Open("div",
                    ("class", "coverage-bar " + (resource.LowCoverage ? "coverage-low" : "coverage-ok")),
                    ("role", "progressbar"),
                    ("aria-valuemin", "0"),
                    ("aria-valuemax", "100"),
                    ("aria-valuenow", Math.Round(percent).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("aria-label", "Coverage " + TextFormatter.Percent(coverage)))
                .Empty("div", ("style", $"width: {MarkupWriter.Number(Math.Round(percent, 1))}%"))
                .Close("div");
        }

        w.Close("td").Line();
        w.Element("td", TextFormatter.ShortDuration(resource.Waiting), ("class", "nowrap"), ("data-label", "Waited")).Line();
        w.Element("td", TextFormatter.KeepUnitsTogether(RunningText(resource)), ("data-label", "Ran")).Line();
        WriteFreshness(w, resource.Freshness, times);
        if (withErrorDetails)
        {
            w.Element("td", ErrorDetailsText.InWords(resource.ErrorDetails, providerName) ?? "–",
                ("class", "error-details"), ("title", resource.ErrorDetails ?? string.Empty), ("data-label", "Error details")).Line();
        }

        WriteReleaseAndTrace(w, resource);

        return w.ToMarkup();
    }

    /// <summary>
    /// The release, then the trace id when there is one, with its copy button (the table's click handler copies the
    /// row's trace id: <see cref="ResourceRowActions.CopyTrace"/>).
    /// </summary>
    private static void WriteReleaseAndTrace(MarkupWriter w, ResourceDiagnosis resource)
    {
        w.Open("td", ("class", "nowrap release-trace"), ("data-label", "Release · trace id"))
            .Open("div").Element("code", resource.Release ?? "–", ("class", "release"), ("title", "Release")).Close("div");
        if (resource.TraceId is { } trace)
        {
            w.Open("div", ("class", "trace-line"))
                .Element("code", trace, ("class", "trace"), ("title", "Trace id"));
            CopyButton.Write(w, "Copy trace id", ResourceRowActions.CopyTrace).Close("div");
        }

        w.Close("td");
    }

    /// <summary>
    /// The data-freshness cell: the newest data Vital holds and, below it, its last attempt to read the resource. Stale
    /// data and a failed attempt say so in words, not colour alone; "–" when the ongoing data was not read.
    /// </summary>
    private static void WriteFreshness(MarkupWriter w, FreshnessDiagnosis? freshness, TimeDisplay times)
    {
        if (freshness is null)
        {
            w.Element("td", "–", ("class", "freshness mud-text-secondary"), ("data-label", "Data freshness")).Line();
            return;
        }

        w.Open("td", ("class", "freshness"), ("data-label", "Data freshness"));
        if (freshness.NewestData is { } newest)
        {
            w.Open("div", ("class", freshness.Stale ? "nowrap fresh-stale" : "nowrap"), ("title", "Newest data: " + times.Exact(newest)))
                .Text(times.Format(newest));
            if (freshness.Stale)
            {
                w.Text(" ").Element("span", "stale", ("class", "stale-label"));
            }

            w.Close("div");
        }
        else
        {
            w.Element("div", "No data yet", ("class", "nowrap mud-text-secondary"));
        }

        if (freshness.LastAttemptAt is { } attempt)
        {
            var failed = freshness.LastAttemptStatus == Vital.Introspection.AttemptStatus.Failure;
            w.Open("div", ("class", failed ? "nowrap attempt attempt-failed" : "nowrap attempt mud-text-secondary"), ("title", "Vital's last read: " + times.Exact(attempt)))
                .Text("read " + times.Format(attempt));
            if (failed)
            {
                w.Text(" ").Element("span", "failed", ("class", "attempt-failed-label"));
            }

            w.Close("div");
        }

        w.Close("td").Line();
    }

    /// <summary>"70 of 180 (39%)".</summary>
    private static string DaysText(ResourceDiagnosis r) =>
        r.DaysWithData.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + (r.DaysInRange is { } inRange ? " of " + inRange.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        + (r.Coverage is { } c ? $" ({TextFormatter.Percent(c)})" : string.Empty);

    private static string Day(DateTimeOffset? time, TimeDisplay times) =>
        time is { } t ? TimeZoneFormatter.Date(t, times.DisplayZone) : "?";

    /// <summary>How long the pull ran, "so far" while it still runs.</summary>
    private static string RunningText(ResourceDiagnosis r) =>
        r.Running is { } running && r.EndedAt is null && r.StartedAt is not null && r.IsActive
            ? TextFormatter.SoFar(running)
            : TextFormatter.ShortDuration(r.Running);
}
