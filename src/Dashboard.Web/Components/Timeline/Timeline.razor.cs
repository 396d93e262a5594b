using System.Globalization;
using System.Text;
using Dashboard.Diagnosis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// One user's pulls as a timeline: a row per provider/resource with its waiting and running bars (or its data range in
/// the second view), keyboard reachable, with exact times on hover and focus. Selecting a row raises
/// <see cref="OnSelect"/> with its key, "provider/resource"; the page owns <see cref="SelectedKey"/>.
/// </summary>
public partial class Timeline
{
    // Drawing units of the viewBox. The SVG is as wide as its container (with a minimum width in CSS), its height grows
    // with the rows: a row is always RowHeight units, whether there is one or sixty.
    private const int ViewWidth = 1000;
    private const int LabelX = 8;
    private const int LabelMaxChars = 30;
    private const int PlotLeft = 220;
    private const int PlotRight = 790;
    private const int PlotWidth = PlotRight - PlotLeft;
    private const int StatusIconX = 802;
    private const int StatusTextX = 822;
    private const int StatusMaxChars = 26;
    private const int IconSize = 14;
    private const int AxisHeight = 40;
    private const int TickLabelY = 14;
    private const int HeaderLabelY = 32;
    private const double RowHeight = 28;
    private const double LaneHeaderHeight = 26;
    private const int BottomPadding = 8;
    private const double RunningHeight = 14;
    private const double WaitingHeight = 6;

    private readonly string _titleId = "timeline-title-" + Guid.NewGuid().ToString("N")[..8];
    private TimelineLayout _layout = null!;
    private IReadOnlyList<StatusStyle> _statuses = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private TimelineView _view;
    private TimelineView? _viewParameter;
    private string? _hoveredKey;
    private string? _focusedKey;

    /// <summary>The user whose pulls are drawn; one row per pulled resource (not-pulled resources have no timeline).</summary>
    [Parameter, EditorRequired]
    public required UserDiagnosis Diagnosis { get; set; }

    /// <summary>Where running pulls end and the "now" line goes; defaults to the diagnosis time (<see cref="UserDiagnosis.AsOf"/>).</summary>
    [Parameter]
    public DateTimeOffset Now { get; set; }

    /// <summary>The zone for tick labels and the second time in tooltips; UTC by default (times always show in UTC too).</summary>
    [Parameter]
    public TimeZoneInfo DisplayZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The selected row's key, "provider/resource"; highlighted and <c>aria-pressed</c>.</summary>
    [Parameter]
    public string? SelectedKey { get; set; }

    /// <summary>Raised with "provider/resource" when a row is clicked, or Enter or Space is pressed on it.</summary>
    [Parameter]
    public EventCallback<string> OnSelect { get; set; }

    /// <summary>The view shown first (or bound with <c>@bind-View</c>, e.g. to the query string).</summary>
    [Parameter]
    public TimelineView View { get; set; }

    [Parameter]
    public EventCallback<TimelineView> ViewChanged { get; set; }

    private bool IsPullView => _view == TimelineView.Pulls;

    private string ViewName => IsPullView ? "pulls" : "range";

    private TimelineAxis? CurrentAxis => IsPullView ? _layout.Axis : _layout.RangeAxis;

    private double Height =>
        AxisHeight + _layout.Rows.Count * RowHeight + (_layout.NotStartedCount > 0 ? LaneHeaderHeight : 0) + BottomPadding;

    private string? ActiveKey => _hoveredKey ?? _focusedKey ?? SelectedKey;

    private TimelineRow? ActiveRow => ActiveKey is { } key ? _layout.Rows.FirstOrDefault(r => r.Key == key) : null;

    private RangeRow? ActiveRangeRow => ActiveRow is { } row ? _layout.RangeRows[row.Index] : null;

    private string SvgTitle => IsPullView
        ? $"Pull timeline: {Count(_layout.Rows.Count, "pull")}, {_layout.NotStartedCount} not started yet. {Caption}."
        : $"Data range of {Count(_layout.Rows.Count, "pull")}. {Caption}.";

    private string Caption
    {
        get
        {
            var zone = $"times in {TimelineText.ZoneName(_zone)}";
            if (CurrentAxis is not { } axis)
            {
                return $"No data ranges reported yet, {zone}";
            }

            var first = TimelineText.Date(axis.Start, _zone);
            var last = TimelineText.Date(axis.End, _zone);
            return first == last ? $"{first}, {zone}" : $"{first} to {last}, {zone}";
        }
    }

    protected override void OnParametersSet()
    {
        _zone = DisplayZone ?? TimeZoneInfo.Utc;
        var now = Now == default ? Diagnosis.AsOf : Now;
        _layout = TimelineLayout.Create(Diagnosis, now, _zone);
        // The statuses on screen, in legend order (worst first), unknown values last and verbatim.
        var legendOrder = StatusPalette.Legend.Select(l => l.Status).ToList();
        _statuses = [.. _layout.Rows
            .Select(r => r.Style)
            .DistinctBy(s => s.Status)
            .OrderBy(s => StatusPalette.IsKnown(s.Status) ? legendOrder.IndexOf(s.Status) : int.MaxValue)
            .ThenBy(s => s.Status, StringComparer.Ordinal)];

        if (_viewParameter != View)
        {
            _viewParameter = View;
            _view = View;
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string X(double fraction) => F(PlotLeft + fraction * PlotWidth);

    private static string W(double fraction) => F(fraction * PlotWidth);

    private static double RowTop(TimelineRow row) =>
        AxisHeight + row.Index * RowHeight + (row.Lane == TimelineLane.NotStarted ? LaneHeaderHeight : 0);

    private static double BarHeight(TimelineSegmentKind kind) =>
        kind is TimelineSegmentKind.Running or TimelineSegmentKind.RunningNow ? RunningHeight : WaitingHeight;

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

    /// <summary>
    /// Everything inside a row's <c>&lt;g&gt;</c> (background, label, bars or range, status, focus ring) as one markup
    /// string. A circuit keeps every frame of its render tree, twice (current and previous), so a row drawn as
    /// elements held about 17 kB of an open page; as one string it holds a few. Every text and attribute value that
    /// comes from Vital is HTML-encoded here.
    /// </summary>
    private MarkupString RowBody(TimelineRow row, double top, double mid)
    {
        // Elements are separated by a line break: read as text (an accessible name's check, a copy), "Google Fit ·
        // activity" and "Retrying" stay two words rather than "activityRetrying".
        var b = new StringBuilder(1024);
        b.Append(CultureInfo.InvariantCulture, $"<rect class=\"row-bg\" x=\"0\" y=\"{F(top)}\" width=\"{ViewWidth}\" height=\"{F(RowHeight)}\"></rect>\n");
        b.Append(CultureInfo.InvariantCulture, $"<text class=\"row-label\" x=\"{LabelX}\" y=\"{F(mid)}\" dominant-baseline=\"central\"><title>{E(row.Entry.Label)}</title>{E(TimelineText.Truncate(row.Entry.Label, LabelMaxChars))}</text>\n");
        if (IsPullView)
        {
            foreach (var segment in row.Segments)
            {
                var height = BarHeight(segment.Kind);
                b.Append(CultureInfo.InvariantCulture, $"<rect class=\"{SegmentClass(segment.Kind)}\" x=\"{X(segment.X)}\" y=\"{F(mid - height / 2)}\" width=\"{W(segment.Width)}\" height=\"{F(height)}\" rx=\"2\" data-kind=\"{segment.Kind}\"><title>{E(TimelineDescriptions.SegmentTitle(segment, _zone))}</title></rect>\n");
            }

            if (row.MarkerX is { } markerX)
            {
                b.Append(CultureInfo.InvariantCulture, $"<path class=\"marker-not-started\" d=\"{Diamond(markerX, mid)}\"><title>Scheduled {E(TimelineDescriptions.Time(row.Entry.ScheduledAt!.Value, _zone))}, not started</title></path>\n");
            }

            if (row.Segments.Count == 0 && row.MarkerX is null)
            {
                b.Append(CultureInfo.InvariantCulture, $"<g><text class=\"row-note\" x=\"{PlotLeft + 4}\" y=\"{F(mid)}\" dominant-baseline=\"central\">No times reported</text></g>\n");
            }

            AppendStatus(b, row, mid, "status-label", row.Style.Label, TimelineText.Truncate(row.Style.Label, StatusMaxChars));
        }
        else
        {
            var range = _layout.RangeRows[row.Index];
            if (range.X is { } rangeX && range.Width is { } rangeWidth)
            {
                b.Append(CultureInfo.InvariantCulture, $"<rect class=\"range-bar\" x=\"{X(rangeX)}\" y=\"{F(mid - RunningHeight / 2)}\" width=\"{W(rangeWidth)}\" height=\"{F(RunningHeight)}\" rx=\"2\"><title>{E(TimelineDescriptions.RangeText(range.Entry))}: {E(range.DaysText)}</title></rect>\n");
                if (range.FilledWidth is { } filled)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<rect class=\"range-filled\" x=\"{X(rangeX)}\" y=\"{F(mid - RunningHeight / 2)}\" width=\"{W(filled)}\" height=\"{F(RunningHeight)}\" rx=\"2\"><title>{E(range.DaysText)}</title></rect>\n");
                }
            }
            else
            {
                b.Append(CultureInfo.InvariantCulture, $"<g><text class=\"row-note\" x=\"{PlotLeft + 4}\" y=\"{F(mid)}\" dominant-baseline=\"central\">{E(range.DaysText)}</text></g>\n");
            }

            AppendStatus(b, row, mid, "days-label", range.DaysText, TimelineDescriptions.ShortDays(range.Entry));
        }

        b.Append(CultureInfo.InvariantCulture, $"<rect class=\"focus-ring\" x=\"1\" y=\"{F(top + 1)}\" width=\"{ViewWidth - 2}\" height=\"{F(RowHeight - 2)}\" rx=\"3\"></rect>\n");
        return new MarkupString(b.ToString());
    }

    /// <summary>The status column: the status's icon (the palette's own SVG path, not upstream text), then a label with its whole text as a title.</summary>
    private static void AppendStatus(StringBuilder b, TimelineRow row, double mid, string labelClass, string title, string text)
    {
        b.Append(CultureInfo.InvariantCulture, $"<g class=\"status\"><svg class=\"status-icon\" x=\"{StatusIconX}\" y=\"{F(mid - IconSize / 2.0)}\" width=\"{IconSize}\" height=\"{IconSize}\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{row.Style.Icon}</svg>");
        b.Append(CultureInfo.InvariantCulture, $"<text class=\"{labelClass}\" x=\"{StatusTextX}\" y=\"{F(mid)}\" dominant-baseline=\"central\"><title>{E(title)}</title>{E(text)}</text></g>\n");
    }

    private static string E(string? text) => Shared.HtmlText.Encode(text);

    private bool IsSelected(string key) => string.Equals(SelectedKey, key, StringComparison.Ordinal);

    private string RowClass(TimelineRow row)
    {
        var classes = $"row {row.Style.CssClass}";
        if (IsSelected(row.Key))
        {
            classes += " selected";
        }

        return row.Key == ActiveKey ? classes + " active" : classes;
    }

    private string RowLabel(TimelineRow row) => IsPullView
        ? TimelineDescriptions.PullLabel(row)
        : TimelineDescriptions.RangeLabel(_layout.RangeRows[row.Index]);

    private Task SelectAsync(string key) => OnSelect.InvokeAsync(key);

    private Task KeyDownAsync(KeyboardEventArgs e, string key) =>
        e.Key is "Enter" or " " or "Spacebar" || e.Code is "Enter" or "NumpadEnter" or "Space" ? SelectAsync(key) : Task.CompletedTask;

    private void Hover(string key) => _hoveredKey = key;

    // One pair of handlers on the chart rather than on every row (each registered handler costs an open page
    // memory): moving between rows sets the new row on enter or focus; leaving the chart clears.
    private void Unhover() => _hoveredKey = null;

    private void Focus(string key) => _focusedKey = key;

    private void Blur() => _focusedKey = null;

    private async Task ChangeViewAsync(TimelineView view)
    {
        _view = view;
        await ViewChanged.InvokeAsync(view);
    }
}
