using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Diagnosis;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using static Dashboard.Web.Tests.Components.Timeline.TimelineFixtures;
using TimelineComponent = Dashboard.Web.Components.Timeline.Timeline;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelineComponentTests : BunitContext
{
    public TimelineComponentTests() => this.UseMudBlazor();

    private IRenderedComponent<TimelineComponent> RenderTimeline(
        UserDiagnosis diagnosis,
        DateTimeOffset? now = null,
        TimeZoneInfo? zone = null,
        string? selectedKey = null,
        Action<string>? onSelect = null,
        TimelineView view = TimelineView.Pulls) =>
        Render<TimelineComponent>(p =>
        {
            p.Add(c => c.Diagnosis, diagnosis);
            p.Add(c => c.Now, now ?? diagnosis.AsOf);
            p.Add(c => c.SelectedKey, selectedKey);
            p.Add(c => c.View, view);
            if (zone is not null)
            {
                p.Add(c => c.DisplayZone, zone);
            }

            if (onSelect is not null)
            {
                p.Add(c => c.OnSelect, EventCallback.Factory.Create(this, onSelect));
            }
        });

    /// <summary>The text of the element itself, without its &lt;title&gt;.</summary>
    private static string OwnText(IElement element) =>
        string.Concat(element.ChildNodes.Where(n => n.NodeType == NodeType.Text).Select(n => n.TextContent));

    [Fact]
    public void Render_ThreePulls_OneFocusableRowPerPullWithLabelsAndStatusText()
    {
        var cut = RenderTimeline(Typical());

        var rows = cut.FindAll("g.row");
        Assert.Equal(["oura/sleep", "oura/workouts", "fitbit/activity"], rows.Select(r => r.GetAttribute("data-key")));
        Assert.All(rows, r =>
        {
            Assert.Equal("0", r.GetAttribute("tabindex"));
            Assert.Equal("button", r.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(r.GetAttribute("aria-label")));
        });
        Assert.Equal(["Oura · sleep", "Oura · workouts", "Fitbit · activity"], cut.FindAll("text.row-label title").Select(t => t.TextContent));
        Assert.Equal(["Succeeded", "Failed", "Scheduled"], cut.FindAll("text.status-label title").Select(t => t.TextContent));
        Assert.Contains("status-failure", rows[1].ClassList);
    }

    [Fact]
    public void Render_FinishedPull_WaitingAndRunningBarsWithExactTimesInTheirTitles()
    {
        var cut = RenderTimeline(Typical());

        var sleep = cut.Find("g.row[data-key='oura/sleep']");
        var bars = sleep.QuerySelectorAll("rect.seg");
        Assert.Equal(["Waiting", "Running"], bars.Select(b => b.GetAttribute("data-kind")));
        Assert.Equal(
            "Running 4 min: 2026-03-04 10:01:00 UTC → 2026-03-04 10:05:00 UTC",
            bars[1].QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void Render_AriaLabel_ResourceStatusTimesAndDurations()
    {
        var cut = RenderTimeline(Typical());

        Assert.Equal(
            "Oura · sleep, Succeeded. Scheduled 2026-03-04 10:00:00 UTC, started 2026-03-04 10:01:00 UTC, ended 2026-03-04 10:05:00 UTC. Waited 1 min, ran 4 min.",
            cut.Find("g.row[data-key='oura/sleep']").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_ScheduledOnly_NotStartedLaneWithMarkerAndNowLine()
    {
        var cut = RenderTimeline(Typical());

        Assert.Contains("Not started yet (1)", cut.Find("[data-testid=lane-not-started]").TextContent, StringComparison.Ordinal);
        var fitbit = cut.Find("g.row[data-key='fitbit/activity']");
        Assert.NotNull(fitbit.QuerySelector("path.marker-not-started"));
        Assert.Equal("WaitingNow", fitbit.QuerySelector("rect.seg")!.GetAttribute("data-kind"));
        Assert.NotNull(cut.Find("[data-testid=now-line]"));
    }

    [Fact]
    public void Render_RunningPull_RunningNowBar()
    {
        var diagnosis = User(At(30), Provider("oura", Resource("sleep", "in_progress", At(0), At(2))));

        var cut = RenderTimeline(diagnosis);

        var bar = cut.Find("g.row[data-key='oura/sleep'] rect.seg-running-now");
        Assert.Contains("→ now", bar.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongLabel_WholeTextCutAtItsColumnFadingOutWithTheFullTextInItsTitle()
    {
        var diagnosis = User(At(20), Provider("a_provider_with_a_very_long_slug", Resource("a_resource_nobody_has_heard_of", "success", At(0), At(1), At(2))));

        var cut = RenderTimeline(diagnosis);

        var label = cut.Find("text.row-label");
        var full = "a_provider_with_a_very_long_slug · a_resource_nobody_has_heard_of";
        Assert.Equal(full, label.QuerySelector("title")!.TextContent);
        Assert.Equal(full, OwnText(label));
        var clip = label.ParentElement!;
        Assert.Equal("svg", clip.TagName, ignoreCase: true);
        Assert.Contains("fades", clip.ClassList);
        Assert.True(double.Parse(clip.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture) <= TimelineDrawing.PlotLeft);
    }

    [Fact]
    public void Render_EveryRow_AccessibleNameStartsWithWhatTheRowShows()
    {
        var diagnosis = User(At(20), Provider("oura", Resource("sleep", "success", At(0), At(1), At(2)), Resource("steps", "success")));

        var cut = RenderTimeline(diagnosis);

        Assert.All(cut.FindAll("g.row"), row =>
        {
            var shown = string.Join(", ", row.QuerySelectorAll("text").Select(OwnText));
            Assert.StartsWith(shown, row.GetAttribute("aria-label"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Render_SixtyRows_HeightGrowsWithTheRows()
    {
        var resources = Enumerable.Range(0, 60).Select(i => Resource($"resource_{i:00}", "success", At(0), At(i), At(i + 5))).ToArray();
        var diagnosis = User(At(120), Provider("oura", resources));

        var cut = RenderTimeline(diagnosis);

        Assert.Equal(60, cut.FindAll("g.row").Count);
        // 40 units of axis, 28 per row, 8 at the bottom.
        Assert.Equal("0 0 1000 1728", cut.Find("svg.timeline-svg").GetAttribute("viewBox"));
    }

    [Fact]
    public void Render_CommaDecimalCulture_SvgNumbersStillUseDots()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var cut = RenderTimeline(Typical());

            var bar = cut.Find("g.row[data-key='oura/sleep'] rect.seg");
            Assert.Matches(@"^\d+\.\d+$", bar.GetAttribute("x"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Click_Row_InvokesOnSelectWithProviderSlashResource()
    {
        var selected = new List<string>();
        var cut = RenderTimeline(Typical(), onSelect: selected.Add);

        cut.Find("g.row[data-key='oura/workouts']").ClickRow();

        Assert.Equal(["oura/workouts"], selected);
    }

    [Theory]
    [InlineData("Enter", "Enter")]
    [InlineData(" ", "Space")]
    public void KeyDown_EnterOrSpace_InvokesOnSelect(string key, string code)
    {
        var selected = new List<string>();
        var cut = RenderTimeline(Typical(), onSelect: selected.Add);

        cut.Find("g.row[data-key='fitbit/activity']").KeyDownRow(key, code);

        Assert.Equal(["fitbit/activity"], selected);
    }

    [Fact]
    public void KeyDown_Tab_DoesNotSelect()
    {
        var selected = new List<string>();
        var cut = RenderTimeline(Typical(), onSelect: selected.Add);

        cut.Find("g.row[data-key='oura/sleep']").KeyDownRow("Tab", "Tab");

        Assert.Empty(selected);
    }

    [Fact]
    public void SelectedKey_Row_HighlightedAndPressed()
    {
        var cut = RenderTimeline(Typical(), selectedKey: "oura/workouts");

        var rows = cut.FindAll("g.row");
        Assert.Equal(["false", "true", "false"], rows.Select(r => r.GetAttribute("aria-pressed")));
        Assert.Equal([false, true, false], rows.Select(r => r.ClassList.Contains("selected")));
    }

    [Fact]
    public void SelectedKey_ChangedByThePage_HighlightMoves()
    {
        var cut = RenderTimeline(Typical(), selectedKey: "oura/workouts");

        cut.Render(p => p.Add(c => c.SelectedKey, "oura/sleep"));

        Assert.Equal("true", cut.Find("g.row[data-key='oura/sleep']").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("g.row[data-key='oura/workouts']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void MouseEnter_Row_DetailsShowUtcAndZoneTimesAndDurations()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var cut = RenderTimeline(Typical(), zone: paris);
        Assert.Contains("Hover over or focus a row", cut.Find("[data-testid=timeline-details]").TextContent, StringComparison.Ordinal);

        cut.Find("g.row[data-key='oura/sleep']").HoverRow();

        var details = cut.Find("[data-testid=timeline-details]");
        Assert.Contains("Oura · sleep", details.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["2026-03-04 10:00:00 UTC", "2026-03-04 10:01:00 UTC", "2026-03-04 10:05:00 UTC"],
            details.QuerySelectorAll("td[data-zone=utc]").Select(td => td.TextContent));
        Assert.Equal(
            ["2026-03-04 11:00:00 Europe/Paris (UTC+01:00)", "2026-03-04 11:01:00 Europe/Paris (UTC+01:00)", "2026-03-04 11:05:00 Europe/Paris (UTC+01:00)"],
            details.QuerySelectorAll("td[data-zone=local]").Select(td => td.TextContent));
        Assert.Contains("1 min", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 min", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("171 / 180 days with data (95%)", details.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void MouseEnter_UtcZone_OnlyTheUtcColumn()
    {
        var cut = RenderTimeline(Typical());

        cut.Find("g.row[data-key='oura/sleep']").HoverRow();

        Assert.Empty(cut.FindAll("td[data-zone=local]"));
        Assert.Equal(3, cut.FindAll("td[data-zone=utc]").Count);
    }

    [Fact]
    public void MouseLeave_Chart_DetailsFallBackToTheSelectedRow()
    {
        var cut = RenderTimeline(Typical(), selectedKey: "oura/workouts");
        var sleep = cut.Find("g.row[data-key='oura/sleep']");

        sleep.HoverRow();
        Assert.Contains("Oura · sleep", cut.Find("[data-testid=timeline-details]").TextContent, StringComparison.Ordinal);
        cut.Find("svg.timeline-svg").MouseLeave();

        Assert.Contains("Oura · workouts", cut.Find("[data-testid=timeline-details]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Hover_SameRowAgain_DrawsNothing()
    {
        var cut = RenderTimeline(Typical());
        cut.Find("g.row[data-key='oura/sleep']").HoverRow();
        var renders = cut.RenderCount;

        cut.Find("g.row[data-key='oura/sleep']").HoverRow();
        Assert.Equal(renders, cut.RenderCount);
        cut.Find("g.row[data-key='oura/workouts']").HoverRow();

        Assert.Equal(renders + 1, cut.RenderCount);
        Assert.Contains("active", cut.Find("g.row[data-key='oura/workouts']").ClassList);
    }

    [Fact]
    public void Hover_SameRowAgainThenANewSelection_TheSelectionIsDrawn()
    {
        var cut = RenderTimeline(Typical());
        cut.Find("g.row[data-key='oura/sleep']").HoverRow();
        cut.Find("g.row[data-key='oura/sleep']").HoverRow();

        cut.Render(p => p.Add(c => c.SelectedKey, "oura/workouts"));

        Assert.Equal("true", cut.Find("g.row[data-key='oura/workouts']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Click_BetweenRowsOrOnAKeyNotDrawn_SelectsNothing()
    {
        var selected = new List<string>();
        var cut = RenderTimeline(Typical(), onSelect: selected.Add);
        var chart = cut.Find("svg.timeline-svg");

        chart.TriggerEvent("ontimelinerowclick", new TimelineRowEventArgs { Key = null });
        cut.Find("svg.timeline-svg").TriggerEvent("ontimelinerowclick", new TimelineRowEventArgs { Key = "oura/not-drawn" });

        Assert.Empty(selected);
    }

    [Fact]
    public void Rows_NoHandlerOfTheirOwn_TheChartHoldsOneOfEachKind()
    {
        var cut = RenderTimeline(Typical());

        Assert.All(cut.FindAll("g.row"), row => Assert.DoesNotContain(row.Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal)));
        var chart = cut.Find("svg.timeline-svg").Attributes.Select(a => a.Name).Where(n => n.StartsWith("blazor:on", StringComparison.Ordinal)).ToList();
        Assert.Contains("blazor:ontimelinerowclick", chart);
        Assert.Contains("blazor:ontimelinerowkeydown", chart);
        Assert.Contains("blazor:ontimelinerowfocus", chart);
        Assert.Contains("blazor:ontimelinerowhover", chart);
    }

    [Fact]
    public void Focus_Row_DetailsShowItsTimes()
    {
        var cut = RenderTimeline(Typical());

        cut.Find("g.row[data-key='fitbit/activity']").FocusRow();

        var details = cut.Find("[data-testid=timeline-details]");
        Assert.Contains("Fitbit · activity", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("17 min so far", details.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Toggle_DataRange_RangeBarsWithDaysWithData()
    {
        var cut = RenderTimeline(Typical());
        Assert.Equal("pulls", cut.Find("svg.timeline-svg").GetAttribute("data-view"));

        cut.FindAll("button").Single(b => b.TextContent.Contains("Data range", StringComparison.Ordinal)).Click();

        Assert.Equal("range", cut.Find("svg.timeline-svg").GetAttribute("data-view"));
        Assert.Equal(2, cut.FindAll("rect.range-bar").Count);
        Assert.Equal(2, cut.FindAll("rect.range-filled").Count);
        Assert.Empty(cut.FindAll("rect.seg"));
        Assert.Equal(["171 / 180 days", "12 / 90 days", "0 days"], cut.FindAll("text.days-label").Select(OwnText));
        Assert.Equal("171 / 180 days with data (95%)", cut.Find("g.row[data-key='oura/sleep'] text.days-label title").TextContent);
        Assert.Contains("days with data", cut.Find("g.row[data-key='oura/sleep']").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("No range yet", cut.Find("g.row[data-key='fitbit/activity'] text.row-note").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Toggle_DataRange_RaisesViewChanged()
    {
        TimelineView? changed = null;
        var cut = Render<TimelineComponent>(p => p
            .Add(c => c.Diagnosis, Typical())
            .Add(c => c.ViewChanged, v => changed = v));

        cut.FindAll("button").Single(b => b.TextContent.Contains("Data range", StringComparison.Ordinal)).Click();

        Assert.Equal(TimelineView.DataRange, changed);
    }

    [Fact]
    public void View_DataRange_RangeAxisInMonths()
    {
        var cut = RenderTimeline(Typical(), view: TimelineView.DataRange);

        var labels = cut.FindAll("g.tick text").Select(t => t.TextContent).ToList();
        Assert.Contains("Dec 2025", labels);
        Assert.All(labels, l => Assert.Matches(@"^[A-Z][a-z]{2} \d{4}$", l));
    }

    [Fact]
    public void Render_EmptyDiagnosis_FriendlyEmptyStateInsteadOfAnEmptyChart()
    {
        var cut = RenderTimeline(User(At(0)));

        Assert.Contains("No historical pulls to show", cut.Find("[data-testid=timeline-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("svg.timeline-svg"));
    }

    [Fact]
    public void Render_UnknownStatus_ShownVerbatimWithTheUnknownStyle()
    {
        var diagnosis = User(At(20), Provider("oura", Resource("sleep", "paused", At(0), At(1), At(2))));

        var cut = RenderTimeline(diagnosis);

        var row = cut.Find("g.row");
        Assert.Contains("status-unknown", row.ClassList);
        Assert.Equal("Unknown: paused", row.QuerySelector("text.status-label title")!.TextContent);
        Assert.Contains("Unknown: paused", cut.Find("[data-testid=timeline-legend]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Legend_SegmentKindsAndTheStatusesOnScreen()
    {
        var cut = RenderTimeline(Typical());

        var legend = cut.Find("[data-testid=timeline-legend]").TextContent;
        foreach (var text in new[] { "Waiting", "Running", "Running now", "Not started yet", "Now", "Failed", "Scheduled", "Succeeded" })
        {
            Assert.Contains(text, legend, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Retrying", legend, StringComparison.Ordinal);
        Assert.Equal(["failure", "scheduled", "success"], cut.FindAll("[data-testid=timeline-legend] [data-status]").Select(e => e.GetAttribute("data-status")));
    }

    /// <summary>Oura's sleep 270 days before Fitbit's (and Fitbit's <paramref name="moreFitbit"/>): the axis fits one provider.</summary>
    private static UserDiagnosis ProvidersMonthsApart(params ResourceDiagnosis[] moreFitbit) => User(
        At(10),
        Provider("oura", Resource("sleep", "success", At(-270 * 24 * 60), At(-270 * 24 * 60 + 1), At(-270 * 24 * 60 + 6))),
        Provider("fitbit", [Resource("sleep", "success", At(0), At(1), At(4)), .. moreFitbit]));

    [Fact]
    public void Render_ProvidersMonthsApart_FitsTheProviderInFocusAndOffersAllProviders()
    {
        var spans = new List<string>();
        var diagnosis = ProvidersMonthsApart();

        var cut = Render<TimelineComponent>(p => p
            .Add(c => c.Diagnosis, diagnosis)
            .Add(c => c.Now, At(10))
            .Add(c => c.FocusProvider, "fitbit")
            .Add(c => c.SpanChanged, EventCallback.Factory.Create<string>(this, spans.Add)));

        Assert.Equal(["fitbit/sleep"], cut.FindAll("g.row").Select(r => r.GetAttribute("data-key")));
        Assert.StartsWith("Fitbit's pulls, ", cut.Find(".timeline-caption").TextContent, StringComparison.Ordinal);
        var span = cut.Find("[data-testid=timeline-span]");
        Assert.Equal(["All providers", "Fitbit only"], span.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));

        span.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "All providers").Click();

        Assert.Equal(["all"], spans);
    }

    [Fact]
    public void Render_OneProviderFitted_RowsShowTheResourceAloneAndSayTheProviderToScreenReaders()
    {
        var diagnosis = ProvidersMonthsApart(Resource("steps", "failure", At(0), At(2), At(3)));

        var cut = Render<TimelineComponent>(p => p.Add(c => c.Diagnosis, diagnosis).Add(c => c.Now, At(10)).Add(c => c.FocusProvider, "fitbit"));

        Assert.StartsWith("Fitbit's pulls, ", cut.Find(".timeline-caption").TextContent, StringComparison.Ordinal);
        Assert.Equal(["sleep", "steps"], cut.FindAll("text.row-label").Select(OwnText));
        Assert.Equal(["Fitbit · sleep", "Fitbit · steps"], cut.FindAll("text.row-label title").Select(t => t.TextContent));
        Assert.Contains("Resource", cut.FindAll("text.column-header").Select(t => t.TextContent));
        Assert.All(cut.FindAll("g.row"), row =>
        {
            var shown = string.Join(", ", row.QuerySelectorAll("text").Select(OwnText));
            var name = row.GetAttribute("aria-label")!;
            Assert.StartsWith(shown, name, StringComparison.Ordinal);
            Assert.Contains(". From Fitbit. ", name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Render_EveryProvider_RowsSayTheirProvider()
    {
        var diagnosis = ProvidersMonthsApart();

        var cut = Render<TimelineComponent>(p => p.Add(c => c.Diagnosis, diagnosis).Add(c => c.Now, At(10)).Add(c => c.FocusProvider, "fitbit").Add(c => c.Span, "all"));

        Assert.Equal(["Fitbit · sleep", "Oura · sleep"], cut.FindAll("text.row-label").Select(OwnText).Order(StringComparer.Ordinal));
        Assert.Contains("Provider · resource", cut.FindAll("text.column-header").Select(t => t.TextContent));
        Assert.All(cut.FindAll("g.row"), row => Assert.DoesNotContain("From ", row.GetAttribute("aria-label"), StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SpanAll_EveryProvidersRows()
    {
        var diagnosis = ProvidersMonthsApart();

        var cut = Render<TimelineComponent>(p => p.Add(c => c.Diagnosis, diagnosis).Add(c => c.Now, At(10)).Add(c => c.FocusProvider, "fitbit").Add(c => c.Span, "all"));

        Assert.Equal(2, cut.FindAll("g.row").Count);
    }

    [Fact]
    public void Details_NothingActiveYet_OneLineThenThePanelOnceARowIsHovered()
    {
        var cut = RenderTimeline(Typical());

        Assert.Contains("compact", cut.Find("[data-testid=timeline-details]").ClassList);

        cut.FindAll("g.row")[0].HoverRow();
        cut.Find(".timeline-svg").TriggerEvent("onmouseleave", new MouseEventArgs());

        Assert.DoesNotContain("compact", cut.Find("[data-testid=timeline-details]").ClassList);
    }

    [Fact]
    public void Details_APullSelectedInTheAddress_ThePanelFromTheStart()
    {
        var cut = RenderTimeline(Typical(), selectedKey: "oura/sleep");

        Assert.DoesNotContain("compact", cut.Find("[data-testid=timeline-details]").ClassList);
    }
}
