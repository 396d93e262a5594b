using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// What the timeline shows, without rendering: the layout of the pulls in the span chosen, the view, which row is
/// active (hovered, focused or selected), the words for each row and for the whole chart.
/// </summary>
public sealed class TimelineModel
{
    private TimelineView? _viewRequested;
    private string? _hoveredKey;
    private string? _focusedKey;
    private (UserDiagnosis Diagnosis, TimeZoneInfo Zone, TimelineView View, string? Span, string? Focus, DateTimeOffset Now)? _drawn;

    /// <summary>
    /// How far "now" may move before a re-render with the same diagnosis lays the rows out again: under it the page's
    /// renders (a selection, the page's own refreshes) keep the rows' markup, a minute on an axis of hours or months.
    /// </summary>
    public static readonly TimeSpan RedrawAfter = TimeSpan.FromMinutes(1);

    public TimelineLayout Layout { get; private set; } = null!;

    public TimelineDrawing Drawing { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public TimelineView View { get; private set; }

    /// <summary>The statuses on screen, in legend order.</summary>
    public IReadOnlyList<StatusStyle> Statuses { get; private set; } = [];

    /// <summary>The provider the axis fits, or null for every pull.</summary>
    public string? Zoomed { get; private set; }

    /// <summary>The provider a person may zoom to (the one in focus) when the user has more than one; else null.</summary>
    public string? ZoomCandidate { get; private set; }

    public string? SelectedKey { get; private set; }

    /// <summary>Hovered, else focused, else selected.</summary>
    public string? ActiveKey => _hoveredKey ?? _focusedKey ?? SelectedKey;

    public TimelineRow? ActiveRow => ActiveKey is { } key ? Layout.Rows.FirstOrDefault(r => r.Key == key) : null;

    public RangeRow? ActiveRangeRow => ActiveRow is { } row ? Layout.RangeRows[row.Index] : null;

    /// <summary>
    /// The details panel takes its full height once a row has been active (then it keeps it, so moving between rows
    /// never makes the page jump); until then it is one line.
    /// </summary>
    public bool DetailsOpened { get; private set; }

    public string Caption => TimelineDescriptions.Caption(Drawing.Axis, Zone, Zoomed);

    public string Title => Drawing.IsPullView
        ? $"Pull timeline: {TextFormatter.Count(Layout.Rows.Count, "pull")}, {Layout.NotStartedCount} not started yet. {Caption}."
        : $"Data range of {TextFormatter.Count(Layout.Rows.Count, "pull")}. {Caption}.";

    /// <summary>
    /// Takes the component's parameters: the diagnosis drawn as of <paramref name="now"/> in <paramref name="zone"/>, the
    /// span and view the address asks for (a view the address did not change stays as the person switched it).
    /// </summary>
    public void Update(UserDiagnosis diagnosis, DateTimeOffset now, TimeZoneInfo zone, TimelineView view, string? span, string? focusProvider, string? selectedKey)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        SelectedKey = selectedKey;
        DetailsOpened |= selectedKey is not null;
        if (_drawn is { } drawn && ReferenceEquals(drawn.Diagnosis, diagnosis) && drawn.Zone == zone && drawn.View == view
            && drawn.Span == span && drawn.Focus == focusProvider && now >= drawn.Now && now - drawn.Now < RedrawAfter)
        {
            return;
        }

        _drawn = (diagnosis, zone, view, span, focusProvider, now);
        Zone = zone;
        var entries = TimelineEntry.From(diagnosis);
        Zoomed = TimelineZoom.Resolve(entries, span, focusProvider, now);
        ZoomCandidate = diagnosis.Providers.Count(p => p.Resources.Count > 0) > 1 ? Zoomed ?? focusProvider : null;
        Layout = TimelineLayout.Create(entries, Zoomed, now, zone);
        Statuses = TimelineDescriptions.StatusesShown(Layout);
        if (_viewRequested != view)
        {
            _viewRequested = view;
            View = view;
        }

        Drawing = new TimelineDrawing(Layout, View, zone, oneProvider: Zoomed is not null);
    }

    public void SwitchView(TimelineView view)
    {
        View = view;
        Drawing = new TimelineDrawing(Layout, View, Zone, oneProvider: Zoomed is not null);
    }

    public bool IsSelected(string key) => string.Equals(SelectedKey, key, StringComparison.Ordinal);

    public string RowClass(TimelineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var classes = Drawing.RowClass(row);
        if (IsSelected(row.Key))
        {
            classes += " selected";
        }

        return row.Key == ActiveKey ? classes + " active" : classes;
    }

    public string RowLabel(TimelineRow row) => Drawing.Label(row);

    /// <summary>The pointer is over <paramref name="key"/>'s row (null: over none); false when nothing changed.</summary>
    public bool Hover(string? key)
    {
        var changed = !string.Equals(_hoveredKey, key, StringComparison.Ordinal) || (key is not null && !DetailsOpened);
        _hoveredKey = key;
        DetailsOpened |= key is not null;
        return changed;
    }

    /// <summary>The keyboard's focus is on <paramref name="key"/>'s row (null: on none); false when nothing changed.</summary>
    public bool Focus(string? key)
    {
        var changed = !string.Equals(_focusedKey, key, StringComparison.Ordinal) || (key is not null && !DetailsOpened);
        _focusedKey = key;
        DetailsOpened |= key is not null;
        return changed;
    }
}
