using Dashboard.Web.Components.Timeline;
using static Dashboard.Web.Tests.Components.Timeline.TimelineFixtures;

namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>
/// The model keeps its layout and each row's markup while the page re-renders the same diagnosis (docs/decisions/
/// 0010-lean-circuits.md): the render trees an open page holds then share one string per row.
/// </summary>
public sealed class TimelineModelTests
{
    private static TimelineModel Drawn(out Dashboard.Diagnosis.UserDiagnosis diagnosis)
    {
        diagnosis = Typical();
        var model = new TimelineModel();
        model.Update(diagnosis, diagnosis.AsOf, TimeZoneInfo.Utc, TimelineView.Pulls, span: null, focusProvider: null, selectedKey: null);
        return model;
    }

    [Fact]
    public void Update_SameDiagnosisWithinAMinute_KeepsTheDrawingAndEachRowsMarkup()
    {
        var model = Drawn(out var diagnosis);
        var drawing = model.Drawing;
        var row = model.Layout.Rows[0];
        var markup = drawing.Row(row).Value;

        model.Update(diagnosis, diagnosis.AsOf.AddSeconds(59), TimeZoneInfo.Utc, TimelineView.Pulls, null, null, selectedKey: "oura/sleep");

        Assert.Same(drawing, model.Drawing);
        Assert.Same(markup, model.Drawing.Row(model.Layout.Rows[0]).Value);
        Assert.Equal("oura/sleep", model.SelectedKey);
        Assert.True(model.DetailsOpened);
    }

    [Fact]
    public void RowLabelAndClass_AskedAtEachRender_AreTheSameStringsUntilTheViewChanges()
    {
        // The two render trees an open page keeps share these strings only when each render hands over the same ones.
        var model = Drawn(out var diagnosis);
        var row = model.Layout.Rows[0];
        var label = model.RowLabel(row);
        var classes = model.RowClass(row);

        model.Update(diagnosis, diagnosis.AsOf.AddSeconds(30), TimeZoneInfo.Utc, TimelineView.Pulls, null, null, null);

        Assert.Same(label, model.RowLabel(model.Layout.Rows[0]));
        Assert.Same(classes, model.RowClass(model.Layout.Rows[0]));
        Assert.StartsWith("row status-", classes, StringComparison.Ordinal);

        model.SwitchView(TimelineView.DataRange);

        Assert.NotEqual(label, model.RowLabel(model.Layout.Rows[0]));
        Assert.Same(model.RowLabel(model.Layout.Rows[0]), model.RowLabel(model.Layout.Rows[0]));
    }

    [Fact]
    public void Update_AMinuteLaterOrAnotherDiagnosisZoneOrSpan_LaysTheRowsOutAgain()
    {
        var model = Drawn(out var diagnosis);

        var first = model.Drawing;
        model.Update(diagnosis, diagnosis.AsOf + TimelineModel.RedrawAfter, TimeZoneInfo.Utc, TimelineView.Pulls, null, null, null);
        var later = model.Drawing;
        model.Update(Typical(), diagnosis.AsOf + TimelineModel.RedrawAfter, TimeZoneInfo.Utc, TimelineView.Pulls, null, null, null);
        var another = model.Drawing;
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");
        model.Update(diagnosis, diagnosis.AsOf, zone, TimelineView.Pulls, null, null, null);
        var zoned = model.Drawing;
        model.Update(diagnosis, diagnosis.AsOf, zone, TimelineView.Pulls, "oura", null, null);

        Assert.NotSame(first, later);
        Assert.NotSame(later, another);
        Assert.NotSame(another, zoned);
        Assert.NotSame(zoned, model.Drawing);
        Assert.Equal("oura", model.Zoomed);
    }

    [Fact]
    public void Update_TimeGoesBack_LaysTheRowsOutAgain()
    {
        var model = Drawn(out var diagnosis);
        var drawing = model.Drawing;

        model.Update(diagnosis, diagnosis.AsOf.AddSeconds(-1), TimeZoneInfo.Utc, TimelineView.Pulls, null, null, null);

        Assert.NotSame(drawing, model.Drawing);
    }
}
