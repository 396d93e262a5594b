using System.Globalization;
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
