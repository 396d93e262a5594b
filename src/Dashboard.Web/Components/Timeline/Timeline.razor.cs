using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
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
    private readonly string _titleId = "timeline-title-" + Guid.NewGuid().ToString("N")[..8];
    private TimelineLayout _layout = null!;
    private TimelineDrawing _drawing = null!;
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

    /// <summary>The address's choice of span: <see cref="TimelineZoom.All"/>, a provider, or null to let the timeline choose.</summary>
    [Parameter]
    public string? Span { get; set; }

    /// <summary>Raised with <see cref="TimelineZoom.All"/> or a provider when someone chooses the span.</summary>
    [Parameter]
    public EventCallback<string> SpanChanged { get; set; }

    /// <summary>The provider the page shows below the timeline: the one a fitted axis zooms to.</summary>
    [Parameter]
    public string? FocusProvider { get; set; }

    private string? ActiveKey => _hoveredKey ?? _focusedKey ?? SelectedKey;

    /// <summary>
    /// The details panel takes its full height once a row has been active (then it keeps it, so moving between rows
    /// never makes the page jump); until then it is one line.
    /// </summary>
    private bool _detailsOpened;

    private TimelineRow? ActiveRow => ActiveKey is { } key ? _layout.Rows.FirstOrDefault(r => r.Key == key) : null;

    private RangeRow? ActiveRangeRow => ActiveRow is { } row ? _layout.RangeRows[row.Index] : null;

    private string SvgTitle => _drawing.IsPullView
        ? $"Pull timeline: {TextFormatter.Count(_layout.Rows.Count, "pull")}, {_layout.NotStartedCount} not started yet. {Caption}."
        : $"Data range of {TextFormatter.Count(_layout.Rows.Count, "pull")}. {Caption}.";

    private string Caption => TimelineDescriptions.Caption(_drawing.Axis, _zone, _zoomed);

    /// <summary>The provider the axis fits, or null for every pull.</summary>
    private string? _zoomed;

    /// <summary>The provider a person may zoom to (the one in focus), when the user has more than one.</summary>
    private string? _zoomCandidate;

    protected override void OnParametersSet()
    {
        _zone = DisplayZone ?? TimeZoneInfo.Utc;
        var now = Now == default ? Diagnosis.AsOf : Now;
        var entries = TimelineEntry.From(Diagnosis);
        _zoomed = TimelineZoom.Resolve(entries, Span, FocusProvider, now);
        _zoomCandidate = Diagnosis.Providers.Count(p => p.Resources.Count > 0) > 1 ? _zoomed ?? FocusProvider : null;
        _layout = TimelineLayout.Create(entries, _zoomed, now, _zone);
        _statuses = TimelineDescriptions.StatusesShown(_layout);
        if (_viewParameter != View)
        {
            _viewParameter = View;
            _view = View;
        }

        _drawing = new TimelineDrawing(_layout, _view, _zone);
        _detailsOpened |= SelectedKey is not null;
    }

    private static string F(double value) => TimelineDrawing.F(value);

    private static string X(double fraction) => TimelineDrawing.X(fraction);

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

    private string RowLabel(TimelineRow row) => _drawing.IsPullView
        ? TimelineDescriptions.PullLabel(row)
        : TimelineDescriptions.RangeLabel(_layout.RangeRows[row.Index]);

    private Task SelectAsync(string key) => OnSelect.InvokeAsync(key);

    private Task KeyDownAsync(KeyboardEventArgs e, string key) =>
        e.Key is "Enter" or " " or "Spacebar" || e.Code is "Enter" or "NumpadEnter" or "Space" ? SelectAsync(key) : Task.CompletedTask;

    private void Hover(string key)
    {
        _hoveredKey = key;
        _detailsOpened = true;
    }

    // One pair of handlers on the chart rather than on every row (each registered handler costs an open page
    // memory): moving between rows sets the new row on enter or focus; leaving the chart clears.
    private void Unhover() => _hoveredKey = null;

    private void Focus(string key)
    {
        _focusedKey = key;
        _detailsOpened = true;
    }

    private void Blur() => _focusedKey = null;

    private Task ChangeSpanAsync(string span) => SpanChanged.InvokeAsync(span);

    private async Task ChangeViewAsync(TimelineView view)
    {
        _view = view;
        _drawing = new TimelineDrawing(_layout, _view, _zone);
        await ViewChanged.InvokeAsync(view);
    }
}
