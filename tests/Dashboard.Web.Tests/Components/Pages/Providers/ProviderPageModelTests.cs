using Dashboard.Web.Components.Pages.Providers;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Providers;

/// <summary>The provider page's view model without rendering: the address read, the chart's bars, paging, links.</summary>
public sealed class ProviderPageModelTests
{
    private readonly FakeTeamSnapshots _snapshots = new() { Current = TestSnapshots.Complete(ProviderFixtures.Team()) };
    private readonly ProviderPageModel _model;

    public ProviderPageModelTests() => _model = new ProviderPageModel(_snapshots, new TeamViewCache(Engine.Thresholds, new Dashboard.Web.Data.ClientUserIds()));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Oura")]
    [InlineData("o-u-r-a")]
    [InlineData("../../api/users.csv")]
    public void Load_NotAProviderName_FalseInvalidAndTheTeamUntouched(string? provider)
    {
        var shown = _model.Load(provider);

        Assert.False(shown);
        Assert.False(_model.IsValid);
        Assert.Null(_model.Provider);
        Assert.False(_snapshots.Touched);
    }

    [Fact]
    public void Load_NewValidProvider_TrueAndTheTeamKeptFresh()
    {
        var shown = _model.Load("apple_health_kit");

        Assert.True(shown);
        Assert.True(_model.IsValid);
        Assert.Equal("apple_health_kit", _model.Provider);
        Assert.Equal("Apple HealthKit", _model.DisplayName);
        Assert.Equal(1, _snapshots.EnsureFreshCalls);
    }

    [Fact]
    public void Load_SameProviderAgain_FalseButTheTeamStillKeptFresh()
    {
        _model.Load("oura");

        var shown = _model.Load("oura");

        Assert.False(shown);
        Assert.Equal("oura", _model.Provider);
        Assert.Equal(2, _snapshots.EnsureFreshCalls);
    }

    [Fact]
    public void Load_AnotherProvider_TrueAndItsListStartsFromTheTop()
    {
        _snapshots.Current = TestSnapshots.Complete(OuraUsers(250));
        _model.Load("oura");
        _model.ShowMore();

        var shown = _model.Load("fitbit");

        Assert.True(shown);
        Assert.Equal("fitbit", _model.Provider);
        Assert.Equal(ProviderPageModel.PageSize, _model.Shown);
    }

    [Fact]
    public void Load_SameProviderAgain_KeepsWhatWasShown()
    {
        _snapshots.Current = TestSnapshots.Complete(OuraUsers(250));
        _model.Load("oura");
        _model.ShowMore();

        _model.Load("oura");

        Assert.Equal(2 * ProviderPageModel.PageSize, _model.Shown);
    }

    [Fact]
    public void Load_BackToTheSameProviderAfterAnInvalidName_ANewVisit()
    {
        Assert.True(_model.Load("oura"));

        Assert.False(_model.Load("not a slug"));

        Assert.True(_model.Load("oura"));
    }

    [Fact]
    public void ShowMore_250Users_APageAtATimeUntilTheRest()
    {
        _snapshots.Current = TestSnapshots.Complete(OuraUsers(250));
        _model.Load("oura");
        Assert.Equal((100, (100, 150)), (_model.Shown, _model.More));

        _model.ShowMore();

        Assert.Equal((200, (50, 50)), (_model.Shown, _model.More));
    }

    [Fact]
    public void More_FewerUsersThanAPage_NothingLeft()
    {
        _model.Load("oura");

        var (_, left) = _model.More;

        Assert.InRange(_model.View.Users.Count, 1, ProviderPageModel.PageSize - 1);
        Assert.Equal(0, left);
    }

    [Fact]
    public void CountLink_ResourceAndStatus_TheGridFilteredToThoseUsersKeepingTz()
    {
        _model.Load("oura");

        var link = _model.CountLink("sleep", PullStatus.Failure, TimeDisplayMode.Local);

        Assert.Equal("/?status=failure&provider=oura&resource=sleep&tz=local", link);
    }

    [Fact]
    public void CountLink_UtcTime_LinkWithoutTz()
    {
        _model.Load("oura");

        var link = _model.CountLink("heart_rate", new PullStatus("paused"), TimeDisplayMode.Utc);

        Assert.Equal("/?status=paused&provider=oura&resource=heart_rate", link);
    }

    [Fact]
    public void TeamLink_Provider_TheGridFilteredToIt()
    {
        _model.Load("oura");

        var link = _model.TeamLink(TimeDisplayMode.Relative);

        Assert.Equal("/?provider=oura&tz=relative", link);
    }

    [Fact]
    public void ChartStatuses_ProviderWithSeveralStatuses_AllButSuccess()
    {
        _model.Load("oura");

        var statuses = _model.ChartStatuses;

        Assert.DoesNotContain(PullStatus.Success, statuses);
        Assert.Equal(_model.View.Statuses.Where(s => s != PullStatus.Success), statuses);
        Assert.Contains(PullStatus.Failure, statuses);
    }

    [Fact]
    public void Series_FailuresAndLegacyErrors_OneFailedSeriesOfBothAndNoTwoSeriesOfOneColour()
    {
        _snapshots.Current = TestSnapshots.Complete(
            User(1).Pull("oura", "sleep", "failure").Pull("oura", "steps", "error"),
            User(2).Pull("oura", "sleep", "error").Pull("oura", "steps", "retrying"),
            User(3).Pull("oura", "sleep", "success"));
        _model.Load("oura");
        var charted = _model.ChartResources;

        var series = _model.Series(charted);
        var palette = _model.ChartOptions(charted).ChartPalette;

        Assert.Equal(["failure", "error", "retrying", "success"], _model.View.Statuses.Select(s => s.Value));
        Assert.Equal(["sleep", "steps"], charted.Select(r => r.Resource));
        Assert.Equal(["Failed", "Retrying"], series.Select(s => s.Name));
        Assert.Equal([2.0, 1.0], series[0].Data.Values);
        Assert.Equal([0.0, 1.0], series[1].Data.Values);
        Assert.Equal([StatusPalette.Failure.ChartColor, StatusPalette.Retrying.ChartColor], palette);
    }

    [Fact]
    public void ChartResources_SomeResourcesWithPullsNotSucceeded_MostFirstTiesInTheTablesOrder()
    {
        // Not succeeded: workouts 3, sleep 2, steps 2, heart rate none.
        _snapshots.Current = TestSnapshots.Complete(
            User(1).Pull("oura", "workouts", "failure").Pull("oura", "sleep", "failure"),
            User(2).Pull("oura", "workouts", "retrying").Pull("oura", "steps", "scheduled"),
            User(3).Pull("oura", "workouts", "in_progress").Pull("oura", "sleep", "success"),
            User(4).Pull("oura", "sleep", "paused").Pull("oura", "steps", "failure"),
            User(5).Pull("oura", "heart_rate", "success"));
        _model.Load("oura");
        var table = _model.View.Resources.Select(r => r.Resource).ToList();

        var chart = _model.ChartResources.Select(r => r.Resource).ToList();

        Assert.Equal(["workouts", .. table.Where(r => r is "sleep" or "steps")], chart);
        Assert.Contains("heart_rate", table);
        Assert.DoesNotContain("heart_rate", chart);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(25, 5)]
    [InlineData(97, 10)]
    [InlineData(150, 20)]
    [InlineData(480, 50)]
    [InlineData(12_000, 2_000)]
    public void TickInterval_OneTwoOrFiveTimesAPowerOfTen_AtMostTenTicksToTheTallestBar(int highest, int step)
    {
        Assert.Equal(step, ProviderPageModel.TickInterval(highest));
    }

    private static UserHistoricalPulls[] OuraUsers(int count) =>
        [.. Enumerable.Range(1, count).Select(n => (UserHistoricalPulls)User(n).Pull("oura", "sleep", n % 2 == 0 ? "success" : "failure"))];
}
