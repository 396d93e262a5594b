using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Components.Timeline;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using static Dashboard.Web.Tests.Components.Timeline.TimelineFixtures;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelineLayoutTests
{
    private const double Precision = 1e-9;

    /// <summary>Where <paramref name="time"/> lands on an axis over [<paramref name="first"/>, <paramref name="last"/>] padded by the known constant.</summary>
    private static double Expected(DateTimeOffset time, DateTimeOffset first, DateTimeOffset last)
    {
        var span = last - first;
        var pad = span * TimelineLayout.Padding;
        return (time - first + pad) / (span + 2 * pad);
    }

    [Fact]
    public void Create_FinishedPulls_WaitingAndRunningAtKnownFractions()
    {
        // Axis over 10:00..10:10 (the second pull ends at 10:10), padded 5% of 10 min = 30 s on each side.
        var entries = new[]
        {
            Entry("oura", "sleep", "success", At(0), At(1), At(5)),
            Entry("oura", "workouts", "success", At(0), At(2), At(10)),
        };

        var layout = TimelineLayout.Create(entries, now: At(120));

        Assert.Equal(At(0, -30), layout.Axis.Start);
        Assert.Equal(At(10, 30), layout.Axis.End);
        var sleep = layout.Rows[0];
        Assert.Equal("oura/sleep", sleep.Key);
        Assert.Collection(
            sleep.Segments,
            waiting =>
            {
                Assert.Equal(TimelineSegmentKind.Waiting, waiting.Kind);
                Assert.Equal(0.5 / 11, waiting.X, Precision);
                Assert.Equal(1.0 / 11, waiting.Width, Precision);
                Assert.Equal(Expected(At(0), At(0), At(10)), waiting.X, Precision);
            },
            running =>
            {
                Assert.Equal(TimelineSegmentKind.Running, running.Kind);
                Assert.Equal(1.5 / 11, running.X, Precision);
                Assert.Equal(4.0 / 11, running.Width, Precision);
            });
        Assert.Equal(TimeSpan.FromMinutes(1), sleep.Waiting);
        Assert.Equal(TimeSpan.FromMinutes(4), sleep.Running);
        Assert.Null(layout.NowX); // nothing runs, and now (noon) is far off the axis
    }

    [Theory]
    [InlineData("in_progress")]
    [InlineData("retrying")]
    public void Create_ActivePullWithoutEnd_RunningBarExtendsToNow(string status)
    {
        var entries = new[]
        {
            Entry("oura", "sleep", "success", At(0), At(1), At(5)),
            Entry("oura", "activity", status, At(0), At(2)),
        };
        var now = At(30);

        var layout = TimelineLayout.Create(entries, now);

        var row = Assert.Single(layout.Rows, r => r.Key == "oura/activity");
        Assert.True(row.IsRunningNow);
        var running = row.Segments[^1];
        Assert.Equal(TimelineSegmentKind.RunningNow, running.Kind);
        Assert.Equal(now, running.To);
        Assert.Equal(Expected(At(2), At(0), now), running.X, Precision);
        Assert.Equal(Expected(now, At(0), now), running.X + running.Width, Precision);
        Assert.Equal(TimeSpan.FromMinutes(28), row.Running);
        Assert.Equal(Expected(now, At(0), now), layout.NowX!.Value, Precision);
    }

    [Fact]
    public void Create_ScheduledOnly_InNotStartedLaneBelowStartedRows()
    {
        var entries = new[]
        {
            Entry("fitbit", "activity", "scheduled", scheduled: At(3)),
            Entry("oura", "sleep", "success", At(0), At(1), At(5)),
            Entry("oura", "workouts", "in_progress", At(0), At(2)),
        };
        var now = At(10);

        var layout = TimelineLayout.Create(entries, now);

        Assert.Equal(["oura/sleep", "oura/workouts", "fitbit/activity"], layout.Rows.Select(r => r.Key));
        Assert.Equal([0, 1, 2], layout.Rows.Select(r => r.Index));
        Assert.Equal(
            [TimelineLane.Started, TimelineLane.Started, TimelineLane.NotStarted],
            layout.Rows.Select(r => r.Lane));
        Assert.Equal(2, layout.StartedCount);
        Assert.Equal(1, layout.NotStartedCount);

        var notStarted = layout.Rows[2];
        Assert.Equal(Expected(At(3), At(0), now), notStarted.MarkerX!.Value, Precision);
        Assert.True(notStarted.IsWaitingNow);
        var waiting = Assert.Single(notStarted.Segments);
        Assert.Equal(TimelineSegmentKind.WaitingNow, waiting.Kind);
        Assert.Equal(now, waiting.To);
        Assert.Equal(TimeSpan.FromMinutes(7), notStarted.Waiting);
        Assert.Null(notStarted.Running);
    }

    [Fact]
    public void Create_FailedWithoutStart_MarkerOnlyInNotStartedLane()
    {
        var entries = new[] { Entry("oura", "sleep", "failure", scheduled: At(3)) };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var row = Assert.Single(layout.Rows);
        Assert.Equal(TimelineLane.NotStarted, row.Lane);
        Assert.Empty(row.Segments);
        Assert.False(row.IsWaitingNow);
        Assert.Equal(0.5, row.MarkerX!.Value, Precision); // a single time sits in the middle of its minimum axis
        Assert.Null(layout.NowX);
    }

    [Fact]
    public void Create_AllTimesEqual_MinimumSpanAroundThemAndVisibleBars()
    {
        var entries = new[]
        {
            Entry("oura", "sleep", "success", At(0), At(0), At(0)),
            Entry("oura", "workouts", "success", At(0), At(0), At(0)),
        };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var half = TimelineLayout.MinimumSpan / 2 * (1 + 2 * TimelineLayout.Padding);
        Assert.Equal(At(0) - half, layout.Axis.Start);
        Assert.Equal(At(0) + half, layout.Axis.End);
        Assert.All(layout.Rows.SelectMany(r => r.Segments), segment =>
        {
            Assert.Equal(0.5, segment.X, Precision);
            Assert.Equal(TimelineLayout.MinimumSegmentWidth, segment.Width, Precision);
            Assert.False(double.IsNaN(segment.X));
        });
        Assert.NotEmpty(layout.Axis.Ticks);
    }

    [Fact]
    public void Create_NothingButNow_AxisCentredOnNow()
    {
        var entries = new[] { Entry("oura", "sleep", "scheduled") };

        var layout = TimelineLayout.Create(entries, now: At(0));

        Assert.Equal(0.5, layout.Axis.Fraction(At(0)), Precision);
        Assert.Equal(TimelineLayout.MinimumSpan * (1 + 2 * TimelineLayout.Padding), layout.Axis.Span);
    }

    [Fact]
    public void Create_SinglePull_AxisPaddedAroundIt()
    {
        var entries = new[] { Entry("oura", "sleep", "success", At(0), At(1), At(5)) };

        var layout = TimelineLayout.Create(entries, now: At(600));

        Assert.Equal(At(0, -15), layout.Axis.Start);
        Assert.Equal(At(5, 15), layout.Axis.End);
        var row = Assert.Single(layout.Rows);
        Assert.Equal(0, row.Index);
        Assert.Equal(15.0 / 330, row.Segments[0].X, Precision);
        Assert.Equal(60.0 / 330, row.Segments[0].Width, Precision);
        Assert.Equal(240.0 / 330, row.Segments[1].Width, Precision);
    }

    [Fact]
    public void Create_SixtyRows_OrderedByProviderThenResourceWithOneIndexEach()
    {
        var providers = new[] { "withings", "oura", "garmin", "fitbit", "dexcom", "apple_health_kit" };
        var entries = providers
            .SelectMany((p, i) => Enumerable.Range(0, 10).Select(r => Entry(
                p, $"resource_{9 - r:00}", "success", At(i), At(i + r), At(i + r + 30))))
            .ToList();

        var layout = TimelineLayout.Create(entries, now: At(600));

        Assert.Equal(60, layout.Rows.Count);
        Assert.Equal(Enumerable.Range(0, 60), layout.Rows.Select(r => r.Index));
        var expectedOrder = entries
            .OrderBy(e => e.Provider, StringComparer.Ordinal)
            .ThenBy(e => e.Resource, StringComparer.Ordinal)
            .Select(e => e.Key);
        Assert.Equal(expectedOrder, layout.Rows.Select(r => r.Key));
        Assert.All(layout.Rows.SelectMany(r => r.Segments), s =>
        {
            Assert.InRange(s.X, 0, 1);
            Assert.InRange(s.X + s.Width, 0, 1 + Precision);
        });
    }

    [Fact]
    public void Create_NoTimesAtAll_RowWithoutSegmentsOrMarker()
    {
        var entries = new[] { Entry("oura", "sleep", "failure") };

        var layout = TimelineLayout.Create(entries, now: At(0));

        var row = Assert.Single(layout.Rows);
        Assert.Equal(TimelineLane.NotStarted, row.Lane);
        Assert.Empty(row.Segments);
        Assert.Null(row.MarkerX);
        Assert.Null(row.Waiting);
        Assert.Null(row.Running);
    }

    [Fact]
    public void Create_StartedWithoutScheduledTime_RunningOnly()
    {
        var entries = new[] { Entry("oura", "sleep", "success", started: At(1), ended: At(5)) };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var segment = Assert.Single(Assert.Single(layout.Rows).Segments);
        Assert.Equal(TimelineSegmentKind.Running, segment.Kind);
        Assert.Null(layout.Rows[0].Waiting);
    }

    [Fact]
    public void Create_SuccessWithoutEnd_ThinRunningBarAtStartAndNoDuration()
    {
        var entries = new[]
        {
            Entry("oura", "sleep", "success", At(0), At(1)),
            Entry("oura", "workouts", "success", At(0), At(1), At(10)),
        };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var row = layout.Rows[0];
        Assert.False(row.IsRunningNow);
        var running = row.Segments[^1];
        Assert.Equal(TimelineSegmentKind.Running, running.Kind);
        Assert.Equal(TimelineLayout.MinimumSegmentWidth, running.Width, Precision);
        Assert.Null(row.Running);
    }

    [Fact]
    public void Create_StartedBeforeScheduled_NoWaitingBar()
    {
        var entries = new[] { Entry("oura", "sleep", "success", At(5), At(1), At(6)) };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var segment = Assert.Single(Assert.Single(layout.Rows).Segments);
        Assert.Equal(TimelineSegmentKind.Running, segment.Kind);
        Assert.Null(layout.Rows[0].Waiting);
    }

    [Fact]
    public void Create_EndedBeforeStarted_MinimumWidthAtTheStart()
    {
        var entries = new[] { Entry("oura", "sleep", "success", At(0), At(5), At(1)) };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var running = Assert.Single(layout.Rows).Segments[^1];
        Assert.Equal(layout.Axis.Fraction(At(5)), running.X, Precision);
        Assert.Equal(TimelineLayout.MinimumSegmentWidth, running.Width, Precision);
    }

    [Fact]
    public void Create_UnknownStatus_UnknownPaletteEntryWithVerbatimLabel()
    {
        var entries = new[] { Entry("oura", "sleep", "paused", At(0), At(1), At(2)) };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var style = Assert.Single(layout.Rows).Style;
        Assert.Equal(StatusPalette.Unknown.Color, style.Color);
        Assert.Equal(StatusPalette.Unknown.CssColor, style.CssColor);
        Assert.Equal(StatusPalette.Unknown.Icon, style.Icon);
        Assert.Equal("status-unknown", style.CssClass);
        Assert.Equal("Unknown: paused", style.Label);
    }

    [Fact]
    public void Create_Ranges_BarOverRangeFilledByCoverage()
    {
        var entries = new[]
        {
            Entry("oura", "sleep", "success", At(0), At(1), At(5), Midnight.AddDays(-180), Midnight, 171),
            Entry("oura", "workouts", "success", At(0), At(1), At(5), Midnight.AddDays(-90), Midnight, 0),
        };

        var layout = TimelineLayout.Create(entries, now: At(600));

        var axis = layout.RangeAxis!;
        Assert.Equal(Midnight.AddDays(-189), axis.Start);
        Assert.Equal(Midnight.AddDays(9), axis.End);
        Assert.Equal(new TickStep(1, TickUnit.Month), axis.Step);
        var sleep = layout.RangeRows[0];
        Assert.Equal(9.0 / 198, sleep.X!.Value, Precision);
        Assert.Equal(180.0 / 198, sleep.Width!.Value, Precision);
        Assert.Equal(171.0 / 180, sleep.Coverage!.Value, Precision);
        Assert.Equal(171.0 / 198, sleep.FilledWidth!.Value, Precision);
        Assert.Equal("171 / 180 days with data (95%)", sleep.DaysText);
        var workouts = layout.RangeRows[1];
        Assert.Equal(0, workouts.FilledWidth!.Value, Precision);
        Assert.Equal("0 / 90 days with data (0%)", workouts.DaysText);
    }

    [Fact]
    public void Create_RangeRows_SameRowsInTheSamePlaces()
    {
        var layout = TimelineLayout.Create(Typical(), now: At(20));

        Assert.Equal(layout.Rows.Select(r => (r.Key, r.Index, r.Lane)), layout.RangeRows.Select(r => (r.Key, r.Index, r.Lane)));
    }

    [Fact]
    public void Create_NoRanges_NoRangeAxisAndRowsSaySo()
    {
        var entries = new[] { Entry("oura", "sleep", "scheduled", scheduled: At(0)) };

        var layout = TimelineLayout.Create(entries, now: At(10));

        Assert.Null(layout.RangeAxis);
        var row = Assert.Single(layout.RangeRows);
        Assert.Null(row.X);
        Assert.Null(row.FilledWidth);
        Assert.Equal("No range yet", row.DaysText);
    }

    [Fact]
    public void Create_MoreDaysWithDataThanInRange_FillCappedAtTheWholeBar()
    {
        var entries = new[] { Entry("oura", "sleep", "success", At(0), At(1), At(5), Midnight.AddDays(-10), Midnight, 12) };

        var layout = TimelineLayout.Create(entries, now: At(10));

        var row = Assert.Single(layout.RangeRows);
        Assert.Equal(row.Width!.Value, row.FilledWidth!.Value, Precision);
        Assert.Equal(1.2, row.Coverage!.Value, Precision);
    }

    [Fact]
    public void Create_DisplayZone_TickLabelsInThatZone()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var entries = new[] { Entry("oura", "sleep", "success", At(0), At(60), At(360)) };

        var layout = TimelineLayout.Create(entries, now: At(600), paris);

        Assert.Same(paris, layout.Zone);
        Assert.Equal(new TickStep(1, TickUnit.Hour), layout.Axis.Step);
        Assert.Equal(["11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"], layout.Axis.Ticks.Select(t => t.Label));
        Assert.Equal(At(60), layout.Axis.Ticks[1].Time);
    }

    [Fact]
    public void Create_FromDiagnosisEngine_OneRowPerPulledResource()
    {
        var now = At(20);
        var pulls = new UserHistoricalPulls
        {
            UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d",
            Providers = new Dictionary<ProviderSlug, ProviderPulls>
            {
                [ProviderSlug.From("oura")] = new()
                {
                    Pulled = new Dictionary<ResourceName, HistoricalPull>
                    {
                        [ResourceName.From("sleep")] = new()
                        {
                            Status = PullStatus.From("success"),
                            Timeline = new PullTimeline { ScheduledAt = At(0), StartedAt = At(1), EndedAt = At(5) },
                            RangeStart = Midnight.AddDays(-180),
                            RangeEnd = Midnight,
                            DaysWithData = 171,
                        },
                        [ResourceName.From("heartrate")] = new()
                        {
                            Status = PullStatus.From("in_progress"),
                            Timeline = new PullTimeline { ScheduledAt = At(0), StartedAt = At(2) },
                        },
                    },
                    NotPulled = [ResourceName.From("blood_oxygen")],
                },
            },
        };
        var diagnosis = new DiagnosisEngine(new DiagnosisOptions(), new FakeTimeProvider(now)).Diagnose(pulls, now);

        var layout = TimelineLayout.Create(diagnosis, now);

        Assert.Equal(["oura/heartrate", "oura/sleep"], layout.Rows.Select(r => r.Key));
        Assert.Equal("Oura · heart rate", layout.Rows[0].Entry.Label);
        Assert.True(layout.Rows[0].IsRunningNow);
        Assert.Equal(180, layout.Rows[1].Entry.DaysInRange);
    }
}
