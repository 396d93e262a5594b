using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// Where a <see cref="TimelineLayout"/>'s parts go in the timeline's SVG, in drawing units, and the markup of each
/// row's inside (background, label, bars or range, status, focus ring) as one string written by a
/// <see cref="MarkupWriter"/>. The SVG is as wide as its container (a minimum width in CSS); its height grows with the
/// rows, each always <see cref="RowHeight"/> units. When the timeline fits one provider (<paramref name="oneProvider"/>:
/// its caption names it), a row shows the resource alone and the label column's header names the column "Resource",
/// so a long resource name is not cut behind the provider's; the row's title and accessible name still say both.
/// </summary>
public sealed class TimelineDrawing(TimelineLayout layout, TimelineView view, TimeZoneInfo zone, bool oneProvider = false)
{
    public const int ViewWidth = 1000;
    public const int LabelX = 8;
    public const int PlotLeft = 220;
    public const int PlotRight = 790;
    public const int StatusIconX = 802;
    public const int AxisHeight = 40;
    public const int TickLabelY = 14;
    public const int HeaderLabelY = 32;
    public const double RowHeight = 28;
    public const double LaneHeaderHeight = 26;
    public const int BottomPadding = 8;

    private const int PlotWidth = PlotRight - PlotLeft;
    private const int LabelMaxChars = 30;
    private const int StatusTextX = 822;
    private const int StatusMaxChars = 26;
    private const int IconSize = 14;
    private const double RunningHeight = 14;
    private const double WaitingHeight = 6;

    // Each row's markup, made once per drawing: a render that changes nothing in a row (a hover, a selection, the page
    // re-rendering) hands the renderer the same string, so the two render trees an open page keeps share it.
    private readonly MarkupString?[] _rows = new MarkupString?[layout.Rows.Count];

    // Each row's words for a screen reader, made once per drawing for the same reason: built at every render, the two
    // trees held two copies of some 300 characters a row (35 kB an open page of 25 rows, in a heap dump).
    private readonly string?[] _labels = new string?[layout.Rows.Count];
    private readonly string?[] _classes = new string?[layout.Rows.Count];
    private MarkupString? _axis;
    private MarkupString? _laneHeader;
    private MarkupString? _nowLine;

    public bool IsPullView => view == TimelineView.Pulls;

    /// <summary>The axis of the view shown: the pulls' times, or their data ranges (null when no pull has one).</summary>
    public TimelineAxis? Axis => IsPullView ? layout.Axis : layout.RangeAxis;

    public double Height =>
        AxisHeight + layout.Rows.Count * RowHeight + (layout.NotStartedCount > 0 ? LaneHeaderHeight : 0) + BottomPadding;

    /// <summary>Where the "Not started yet" lane's header line goes.</summary>
    public double LaneHeaderTop => AxisHeight + layout.StartedCount * RowHeight;

    /// <summary>A drawing unit for an attribute ("12.5").</summary>
    public static string F(double value) => MarkupWriter.Number(value);

    /// <summary>The x of a fraction of the axis.</summary>
    public static string X(double fraction) => F(PlotLeft + fraction * PlotWidth);

    public static double RowTop(TimelineRow row) =>
        AxisHeight + row.Index * RowHeight + (row.Lane == TimelineLane.NotStarted ? LaneHeaderHeight : 0);

    /// <summary>Everything inside a row's <c>&lt;g&gt;</c>, elements separated by line breaks (see <see cref="MarkupWriter.Line"/>).</summary>
    public MarkupString Row(TimelineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _rows[row.Index] ??= Draw(row);
    }

    /// <summary>The row's accessible name: its pull and times, or its data range, as the view shows.</summary>
    public string Label(TimelineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _labels[row.Index] ??= IsPullView
            ? TimelineDescriptions.PullLabel(row, oneProvider)
            : TimelineDescriptions.RangeLabel(layout.RangeRows[row.Index], oneProvider);
    }

    /// <summary>The row's classes when it is neither selected nor active: <c>row status-…</c>.</summary>
    public string RowClass(TimelineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _classes[row.Index] ??= "row " + row.Style.CssClass;
    }

    /// <summary>The column headers and the ticks with their labels: what is inside the axis's <c>&lt;g&gt;</c>.</summary>
    public MarkupString AxisMarkup() => _axis ??= DrawAxis();

    /// <summary>The "Not started yet" lane's line and label (only when some row is in that lane).</summary>
    public MarkupString LaneHeaderMarkup() => _laneHeader ??= DrawLaneHeader();

    /// <summary>The "now" line and its label at <paramref name="nowX"/>, a fraction of the axis.</summary>
    public MarkupString NowLineMarkup(double nowX) => _nowLine ??= DrawNowLine(nowX);

    private MarkupString DrawAxis()
    {
        var w = new MarkupWriter(2048);
        var headerY = Number(HeaderLabelY);
        w.Element("text", oneProvider ? "Resource" : "Provider · resource", ("class", "column-header"), ("x", Number(LabelX)), ("y", headerY)).Line();
        w.Element("text", IsPullView ? "Status" : "Days with data", ("class", "column-header"), ("x", Number(StatusIconX)), ("y", headerY)).Line();
        var bottom = F(Height - BottomPadding);
        foreach (var tick in Axis?.Ticks ?? [])
        {
            var x = X(tick.X);
            w.Open("g", ("class", "tick"))
                .Empty("line", ("x1", x), ("x2", x), ("y1", Number(AxisHeight - 6)), ("y2", bottom))
                .Element("text", tick.Label, ("x", x), ("y", Number(TickLabelY)), ("text-anchor", "middle"))
                .Close("g").Line();
        }

        return w.ToMarkup();
    }

    private MarkupString DrawLaneHeader()
    {
        var y = F(LaneHeaderTop + 2);
        return new MarkupWriter(256)
            .Empty("line", ("x1", "0"), ("x2", Number(ViewWidth)), ("y1", y), ("y2", y))
            .Element("text", $"Not started yet ({layout.NotStartedCount})",
                ("x", Number(LabelX)), ("y", F(LaneHeaderTop + LaneHeaderHeight / 2 + 2)), ("dominant-baseline", "central"))
            .ToMarkup();
    }

    private MarkupString DrawNowLine(double nowX)
    {
        var x = X(nowX);
        return new MarkupWriter(256)
            .Empty("line", ("x1", x), ("x2", x), ("y1", Number(AxisHeight - 10)), ("y2", F(Height - BottomPadding)))
            .Element("text", "now", ("x", x), ("y", Number(AxisHeight - 12)), ("text-anchor", "middle"))
            .ToMarkup();
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private MarkupString Draw(TimelineRow row)
    {
        var top = RowTop(row);
        var mid = top + RowHeight / 2;
        var w = new MarkupWriter(1024);
        // The status colour for the row's bars and icon (currentColor), inside the markup: one attribute fewer per row.
        w.Open("g", ("style", "color: " + row.Style.CssColor));
        w.Empty("rect", ("class", "row-bg"), ("x", "0"), ("y", F(top)), ("width", F(ViewWidth)), ("height", F(RowHeight))).Line();
        WriteClipped(w, "row-label", row.Entry.Label, TimelineDescriptions.Shown(row.Entry, oneProvider), LabelX, top, PlotLeft - LabelX - 8, LabelMaxChars);

        if (IsPullView)
        {
            WritePulls(w, row, mid);
            WriteStatus(w, row, top, "status-label", row.Style.Label, row.Style.Label);
        }
        else
        {
            var range = layout.RangeRows[row.Index];
            WriteRange(w, range, mid);
            WriteStatus(w, row, top, "days-label", range.DaysText, TimelineDescriptions.ShortDays(range.Entry));
        }

        w.Close("g");
        w.Empty("rect", ("class", "focus-ring"), ("x", "1"), ("y", F(top + 1)), ("width", F(ViewWidth - 2)), ("height", F(RowHeight - 2)), ("rx", "3")).Line();
        return w.ToMarkup();
    }

    private void WritePulls(MarkupWriter w, TimelineRow row, double mid)
    {
        foreach (var segment in row.Segments)
        {
            var height = segment.Kind is TimelineSegmentKind.Running or TimelineSegmentKind.RunningNow ? RunningHeight : WaitingHeight;
            w.Open("rect",
                    ("class", SegmentClass(segment.Kind)),
                    ("x", X(segment.X)),
                    ("y", F(mid - height / 2)),
                    ("width", F(segment.Width * PlotWidth)),
                    ("height", F(height)),
                    ("rx", "2"),
                    ("data-kind", segment.Kind.ToString()))
                .Element("title", TimelineDescriptions.SegmentTitle(segment, zone))
                .Close("rect").Line();
        }

        if (row.MarkerX is { } markerX)
        {
            w.Open("path", ("class", "marker-not-started"), ("d", Diamond(markerX, mid)))
                .Element("title", $"Scheduled {TimeZoneFormatter.UtcAndZone(row.Entry.ScheduledAt!.Value, zone)}, not started")
                .Close("path").Line();
        }

        if (row.Segments.Count == 0 && row.MarkerX is null)
        {
            w.Open("g").Element("text", TimelineDescriptions.NoTimes, ("class", "row-note"), ("x", F(PlotLeft + 4)), ("y", F(mid)), ("dominant-baseline", "central")).Close("g").Line();
        }
    }

    private static void WriteRange(MarkupWriter w, RangeRow range, double mid)
    {
        if (range.X is { } x && range.Width is { } width)
        {
            var y = F(mid - RunningHeight / 2);
            w.Open("rect", ("class", "range-bar"), ("x", X(x)), ("y", y), ("width", F(width * PlotWidth)), ("height", F(RunningHeight)), ("rx", "2"))
                .Element("title", $"{TimelineDescriptions.RangeText(range.Entry)}: {range.DaysText}")
                .Close("rect").Line();
            if (range.FilledWidth is { } filled)
            {
                w.Open("rect", ("class", "range-filled"), ("x", X(x)), ("y", y), ("width", F(filled * PlotWidth)), ("height", F(RunningHeight)), ("rx", "2"))
                    .Element("title", range.DaysText)
                    .Close("rect").Line();
            }
        }
        else
        {
            w.Open("g").Element("text", range.DaysText, ("class", "row-note"), ("x", F(PlotLeft + 4)), ("y", F(mid)), ("dominant-baseline", "central")).Close("g").Line();
        }
    }

    /// <summary>The status column: the status's icon, then a label with its whole text as a title.</summary>
    private static void WriteStatus(MarkupWriter w, TimelineRow row, double top, string labelClass, string title, string text)
    {
        w.Open("g", ("class", "status")).Icon(row.Style.Icon, StatusIconX, top + (RowHeight - IconSize) / 2, IconSize, "status-icon");
        WriteClipped(w, labelClass, title, text, StatusTextX, top, ViewWidth - StatusTextX - 4, StatusMaxChars);
        w.Close("g").Line();
    }

    /// <summary>
    /// Text in a column of its own: written whole (so what a person sees is in the row's accessible name) and cut at
    /// the column's edge by a nested SVG viewport, fading out when it is longer than the column holds; the whole text
    /// is also its title.
    /// </summary>
    private static void WriteClipped(MarkupWriter w, string cssClass, string title, string text, double x, double top, double width, int fitsChars) =>
        w.Open("svg", ("class", text.Length > fitsChars ? "clip fades" : "clip"), ("x", F(x)), ("y", F(top)), ("width", F(width)), ("height", F(RowHeight)))
            .Open("text", ("class", cssClass), ("x", "0"), ("y", F(RowHeight / 2)), ("dominant-baseline", "central"))
            .Element("title", title)
            .Text(text)
            .Close("text")
            .Close("svg").Line();

    private static string SegmentClass(TimelineSegmentKind kind) => kind switch
    {
        TimelineSegmentKind.Waiting => "seg seg-waiting",
        TimelineSegmentKind.Running => "seg seg-running",
        TimelineSegmentKind.RunningNow => "seg seg-running-now",
        _ => "seg seg-waiting-now",
    };

    private static string Diamond(double fraction, double y)
    {
        const double R = 6;
        var cx = PlotLeft + fraction * PlotWidth;
        return $"M{F(cx)} {F(y - R)} L{F(cx + R)} {F(y)} L{F(cx)} {F(y + R)} L{F(cx - R)} {F(y)} Z";
    }
}
