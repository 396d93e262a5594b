using Dashboard.Diagnosis;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// One user's pulls as a timeline: a row per provider/resource with its waiting and running bars (or its data range in
/// the second view), keyboard reachable, with exact times on hover and focus. Selecting a row raises
/// <see cref="OnSelect"/> with its key, "provider/resource"; the page owns <see cref="SelectedKey"/>, the view and the
/// span. What it shows lives in <see cref="TimelineModel"/>.
/// </summary>
public partial class Timeline : IHandleEvent
{
    private readonly string _titleId = "timeline-title-" + Guid.NewGuid().ToString("N")[..8];
    private readonly TimelineModel _model = new();

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

    protected override void OnParametersSet() =>
        _model.Update(Diagnosis, Now == default ? Diagnosis.AsOf : Now, DisplayZone ?? TimeZoneInfo.Utc, View, Span, FocusProvider, SelectedKey);

    private static string F(double value) => TimelineDrawing.F(value);

    private static string X(double fraction) => TimelineDrawing.X(fraction);

    /// <summary>Set by a handler whose event changed nothing on screen (a key other than Enter or Space, a click between rows, the row already hovered).</summary>
    private bool _unchanged;

    /// <summary>
    /// As <see cref="ComponentBase"/> handles an event, except that an event which changed nothing draws nothing: the
    /// pointer crossing the chart sends one event per row, and most change nothing. Renders for new parameters are not
    /// affected.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        _unchanged = false;
        await callback.InvokeAsync(arg);
        if (!_unchanged)
        {
            StateHasChanged();
        }
    }

    private Task RowClickAsync(TimelineRowEventArgs e) => SelectAsync(e.Key);

    private Task RowKeyDownAsync(TimelineRowEventArgs e) =>
        e.KeyName is "Enter" or " " or "Spacebar" || e.Code is "Enter" or "NumpadEnter" or "Space" ? SelectAsync(e.Key) : Unchanged();

    private void RowFocus(TimelineRowEventArgs e) => Focus(e.Key);

    private void RowHover(TimelineRowEventArgs e) => Hover(e.Key);

    private Task SelectAsync(string? key) => IsRow(key) ? OnSelect.InvokeAsync(key) : Unchanged();

    private Task Unchanged()
    {
        _unchanged = true;
        return Task.CompletedTask;
    }

    private bool IsRow(string? key) => key is not null && _model.Layout.Rows.Any(r => r.Key == key);

    // Moving between rows sets the new row on hover or focus; leaving the chart clears. The same row again draws nothing.
    private void Hover(string? key)
    {
        key = IsRow(key) ? key : null;
        _unchanged = !_model.Hover(key);
    }

    private void Focus(string? key)
    {
        key = IsRow(key) ? key : null;
        _unchanged = !_model.Focus(key);
    }

    private static readonly (TimelineView, string)[] ViewChoices = [(TimelineView.Pulls, "Pull timeline"), (TimelineView.DataRange, "Data range")];

    private static (string, string)[] SpanChoices(string candidate) =>
        [(TimelineZoom.All, "All providers"), (candidate, $"{ProviderKnowledge.ProviderDisplayName(candidate)} only")];

    private Task ChangeSpanAsync(string span) => SpanChanged.InvokeAsync(span);

    private async Task ChangeViewAsync(TimelineView view)
    {
        _model.SwitchView(view);
        await ViewChanged.InvokeAsync(view);
    }
}
