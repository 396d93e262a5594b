using Dashboard.Web.Components.Timeline;
using static Dashboard.Web.Tests.Components.Timeline.TimelineFixtures;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelineZoomTests
{
    /// <summary>Oura's backfill nine months ago, Fitbit's today: each took minutes.</summary>
    private static readonly TimelineEntry[] MonthsApart =
    [
        Entry("oura", "sleep", "success", At(-270 * 24 * 60), At(-270 * 24 * 60 + 1), At(-270 * 24 * 60 + 6)),
        Entry("oura", "steps", "success", At(-270 * 24 * 60), At(-270 * 24 * 60 + 2), At(-270 * 24 * 60 + 9)),
        Entry("fitbit", "sleep", "success", At(0), At(1), At(4)),
        Entry("fitbit", "steps", "in_progress", At(0), At(2)),
    ];

    private static readonly TimelineEntry[] SameHour =
    [
        Entry("oura", "sleep", "success", At(0), At(1), At(6)),
        Entry("fitbit", "sleep", "success", At(2), At(3), At(9)),
    ];

    [Fact]
    public void Resolve_PullsMonthsApart_FitsTheProviderInFocus()
    {
        Assert.False(TimelineZoom.Reads(TimelineLayout.Create(MonthsApart, At(10))));

        Assert.Equal("fitbit", TimelineZoom.Resolve(MonthsApart, span: null, provider: "fitbit", At(10)));
    }

    [Fact]
    public void Resolve_PullsCloseTogether_EveryPull()
    {
        Assert.True(TimelineZoom.Reads(TimelineLayout.Create(SameHour, At(10))));

        Assert.Null(TimelineZoom.Resolve(SameHour, span: null, provider: "oura", At(10)));
    }

    [Theory]
    [InlineData("all", null)]
    [InlineData("oura", "oura")]
    [InlineData("polar", "fitbit")]
    public void Resolve_TheAddressSays_ItsChoiceWhenItIsOneOfTheUsersProviders(string span, string? expected)
    {
        Assert.Equal(expected, TimelineZoom.Resolve(MonthsApart, span, provider: "fitbit", At(10)));
    }

    [Fact]
    public void Resolve_OneProvider_EveryPull()
    {
        Assert.Null(TimelineZoom.Resolve(MonthsApart[..2], span: "oura", provider: "oura", At(10)));
    }

    [Fact]
    public void Create_Zoomed_OnlyThatProvidersRowsOnAnAxisTheirBarsCanBeSeenOn()
    {
        var all = TimelineLayout.Create(MonthsApart, provider: null, At(10));
        var fitbit = TimelineLayout.Create(MonthsApart, provider: "fitbit", At(10));

        Assert.Equal(4, all.Rows.Count);
        Assert.All(fitbit.Rows, r => Assert.Equal("fitbit", r.Entry.Provider));
        Assert.All(fitbit.Rows, r => Assert.True(TimelineZoom.Share(r, fitbit.Axis.Span.Ticks) > 0.1));
        Assert.All(all.Rows, r => Assert.True(TimelineZoom.Share(r, all.Axis.Span.Ticks) < TimelineZoom.ReadableShare));
    }
}
