using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The team page's view model without rendering: the address read, the scan in words, the links.</summary>
public sealed class TeamPageModelTests
{
    private readonly FakeTeamSnapshots _snapshots = new();
    private readonly TeamPageModel _model;

    public TeamPageModelTests() => _model = new TeamPageModel(_snapshots, new TeamViewCache(Engine.Thresholds, new Dashboard.Web.Data.ClientUserIds()));

    private static UserHistoricalPulls[] Users(int count) =>
        [.. Enumerable.Range(1, count).Select(n => (UserHistoricalPulls)User(n).Pull("oura", "sleep", "success"))];

    [Fact]
    public void Load_QueryWithUnusableValues_KeepsTheRestAndNamesEachProblem()
    {
        _model.Load("?status=failure,FAIL!&provider=oura&attention=maybe", sort: null);

        Assert.Equal(["failure"], _model.Query.Statuses.Values());
        Assert.Equal(["oura"], _model.Query.Providers);
        Assert.False(_model.Query.AttentionOnly);
        Assert.Equal(
            [
                "The status filter has 1 value that is not a status name Vital uses (lower-case letters, digits and underscores).",
                "attention must be true or false.",
            ],
            _model.Problems);
    }

    [Fact]
    public void Load_UsableQuery_NoProblems()
    {
        _model.Load("?status=failure&q=7aec", sort: null);

        Assert.Empty(_model.Problems);
        Assert.Equal("7aec", _model.Query.Search);
    }

    [Fact]
    public void Load_Sort_ParsedAndKeptInEveryFilterLink()
    {
        _model.Load("?provider=oura", "-latest");

        var link = _model.Link(TeamQuery.Empty with { Statuses = [PullStatus.Failure] }, TimeDisplayMode.Local);

        Assert.Equal(new TeamSort(TeamSortColumn.LatestActivity, Descending: true), _model.Sort);
        Assert.Equal("/?status=failure&tz=local&sort=-latest", link);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nope")]
    [InlineData("-attention")]
    public void Load_NoOrUnknownSort_DefaultOrderAndLinksWithoutSort(string? sort)
    {
        _model.Load("?provider=oura", sort);

        var link = _model.Link(_model.Query, TimeDisplayMode.Utc);

        Assert.Equal(TeamSort.Default, _model.Sort);
        Assert.Equal("/?provider=oura", link);
    }

    [Fact]
    public void Load_FirstTime_ReturnsTrue()
    {
        var changed = _model.Load(string.Empty, sort: null);

        Assert.True(changed);
    }

    [Fact]
    public void Load_SameFiltersSpelledOtherwiseOrAnotherSort_ReturnsFalse()
    {
        _model.Load("?provider=oura,fitbit&status=failure", sort: null);

        var respelled = _model.Load("?status=FAILURE&provider=fitbit,oura", sort: null);
        var resorted = _model.Load("?provider=oura,fitbit&status=failure", "-latest");

        Assert.False(respelled);
        Assert.False(resorted);
        Assert.Equal(new TeamSort(TeamSortColumn.LatestActivity, Descending: true), _model.Sort);
    }

    [Fact]
    public void Load_OtherFilters_ReturnsTrue()
    {
        _model.Load("?provider=oura", sort: null);

        var changed = _model.Load("?provider=oura&attention=true", sort: null);

        Assert.True(changed);
        Assert.True(_model.Query.AttentionOnly);
    }

    [Fact]
    public void ScanProgress_FirstScan_ReadingWithUsersAndPagesSoFar()
    {
        _snapshots.Current = TestSnapshots.Scanning(Users(1));

        var progress = _model.ScanProgress;

        Assert.Equal("Reading users from Vital: 1 user so far (1 page)…", progress);
        Assert.True(_model.IsScanning);
    }

    [Fact]
    public void ScanProgress_StoredTeamLoading_SaysHowOldItIsAndHowMuchIsRead()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now.AddMinutes(125));
        var model = new TeamPageModel(_snapshots, new TeamViewCache(Engine.Thresholds, new Dashboard.Web.Data.ClientUserIds()), timeProvider: time);
        var loading = TeamSnapshot.FromStore(1, storedAt: Now, storedUsers: 98_485);
        TestSnapshots.Append(loading, Users(3), Now);
        _snapshots.Current = loading;

        Assert.Equal("Loading the team as Vital showed it 2 h 5 min ago: 3 of 98,485 users so far…", model.ScanProgress);
        Assert.Equal("Loading the stored team…", model.LoadingText);
        Assert.True(model.IsScanning);

        loading.Complete(Now);
        Assert.False(model.IsScanning);
        Assert.Equal("Reading users from Vital…", model.LoadingText);
    }

    [Fact]
    public void ScanProgress_ThousandsOfUsers_CountsWithSeparators()
    {
        var scanning = TestSnapshots.Scanning();
        scanning.Report(new ScanProgress(Pages: 24, Users: 1_200, ScopesDone: 0, ScopesTotal: 1));
        _snapshots.Current = scanning;

        var progress = _model.ScanProgress;

        Assert.Equal("Reading users from Vital: 1,200 users so far (24 pages)…", progress);
    }

    [Fact]
    public void ScanProgress_RefreshBehindACompleteSnapshot_RefreshingWithTheRefreshsCounts()
    {
        _snapshots.Current = TestSnapshots.Complete(Users(5));
        _snapshots.Refreshing = TestSnapshots.Scanning(Users(2));

        var progress = _model.ScanProgress;

        Assert.Equal("Refreshing from Vital: 2 users so far (1 page)…", progress);
        Assert.True(_model.IsScanning);
    }

    [Fact]
    public void IsScanning_CompleteSnapshotAndNoRefresh_False()
    {
        _snapshots.Current = TestSnapshots.Complete(Users(2));

        var scanning = _model.IsScanning;

        Assert.False(scanning);
    }

    [Theory]
    [InlineData(0, "The team could not be read from Vital")]
    [InlineData(1, "Only 1 user could be read before Vital stopped answering")]
    [InlineData(3, "Only 3 users could be read before Vital stopped answering")]
    public void ErrorTitle_ScanFailed_SaysHowManyUsersWereRead(int users, string title)
    {
        _snapshots.Current = TestSnapshots.Failed("Vital is unavailable.", Users(users));

        var errorTitle = _model.ErrorTitle;

        Assert.Equal(title, errorTitle);
        Assert.Null(_model.RefreshError);
        Assert.False(_model.ShowsEmptyState);
    }

    [Fact]
    public void ErrorTitle_ScanDidNotFail_Null()
    {
        _snapshots.Current = TestSnapshots.Complete(Users(2));

        var errorTitle = _model.ErrorTitle;

        Assert.Null(errorTitle);
    }

    [Fact]
    public void RefreshError_LastRefreshFailedBehindAGoodSnapshot_IsItsMessage()
    {
        _snapshots.Current = TestSnapshots.Complete(Users(2));
        _snapshots.LastRefreshError = "Vital did not answer in time.";

        var refreshError = _model.RefreshError;

        Assert.Equal("Vital did not answer in time.", refreshError);
        Assert.Null(_model.ErrorTitle);
    }

    [Fact]
    public void ShowsEmptyState_NobodyMatchesAndNothingRuns_True()
    {
        _snapshots.Current = TestSnapshots.Complete(Users(2));
        _model.Load("?provider=garmin", sort: null);

        var empty = _model.ShowsEmptyState;

        Assert.True(empty);
        Assert.Empty(_model.View.Users);
    }

    [Fact]
    public void ShowsEmptyState_NobodyYetWhileScanning_False()
    {
        _snapshots.Current = TestSnapshots.Scanning();
        _model.Load(string.Empty, sort: null);

        var empty = _model.ShowsEmptyState;

        Assert.False(empty);
    }

    [Theory]
    [InlineData("?provider=oura", "?provider=oura&q=7aec", true)]
    [InlineData("?provider=oura&q=7aec", "?provider=oura&q=7aec8", true)]
    [InlineData("?provider=oura&q=7aec", "?provider=oura", true)]
    [InlineData("?provider=oura", "?provider=oura", false)]
    [InlineData("?provider=oura", "?provider=fitbit", false)]
    [InlineData("?provider=oura&q=7aec", "?provider=fitbit&q=7aec8", false)]
    [InlineData("?q=7aec", "?q=7aec&attention=true", false)]
    public void ReplacesHistory_OnlyTheSearchChanged_TrueOtherwiseFalse(string current, string next, bool replaces)
    {
        _model.Load(current, sort: null);

        var result = _model.ReplacesHistory(TeamQuery.Parse(next, out _));

        Assert.Equal(replaces, result);
    }

    [Fact]
    public void Refresh_Called_AsksTheSnapshotsForANewScan()
    {
        _model.Refresh();

        Assert.Equal(1, _snapshots.RefreshCalls);
    }
}
