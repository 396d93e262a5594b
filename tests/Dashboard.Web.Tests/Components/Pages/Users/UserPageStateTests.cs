using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using static Dashboard.Web.Tests.Components.Pages.Users.UserFixtures;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

/// <summary>The user page's state without rendering: what it fetches, when, and when its timer runs.</summary>
public sealed class UserPageStateTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeDiagnosisService _diagnoses = new();
    private readonly UserPageState _state;
    private int _changes;

    public UserPageStateTests()
    {
        _state = new UserPageState(_diagnoses, _time, Options.Create(new UiOptions()));
        _state.Changed += () =>
        {
            Interlocked.Increment(ref _changes);
            return Task.CompletedTask;
        };
    }

    public void Dispose() => _state.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("00000000-0000-4000-8000-00000000000g")]
    public async Task LoadAsync_NotAUserId_InvalidWithoutAskingVital(string? id)
    {
        await _state.LoadAsync(id);

        Assert.True(_state.InvalidId);
        Assert.Null(_state.UserId);
        Assert.Empty(_diagnoses.Calls);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public async Task LoadAsync_UserId_LoadingThenDiagnosisAndAsOf()
    {
        _diagnoses.Returns(Typical());
        var loadingSeen = false;
        _state.Changed += () =>
        {
            loadingSeen |= _state.Loading;
            return Task.CompletedTask;
        };

        await _state.LoadAsync(Id(1));

        Assert.True(loadingSeen);
        Assert.False(_state.Loading);
        Assert.Equal(Id(1), _state.Diagnosis!.UserId);
        Assert.Equal(Now, _state.LastRefresh);
        Assert.Null(_state.Error);
    }

    [Fact]
    public async Task LoadAsync_SameUserAgain_NotFetchedAgain()
    {
        await _state.LoadAsync(Id(1));
        await _state.LoadAsync(Id(1).ToUpperInvariant());

        Assert.Single(_diagnoses.Calls);
    }

    [Fact]
    public async Task LoadAsync_ActivePulls_TimerRunsUntilAnInvalidIdStopsIt()
    {
        _diagnoses.Returns(Typical());
        await _state.LoadAsync(Id(1));
        Assert.True(_state.AutoRefreshRunning);

        await _state.LoadAsync("nope");

        Assert.False(_state.AutoRefreshRunning);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(_diagnoses.Calls);
    }

    [Fact]
    public async Task LoadAsync_UpstreamTrouble_ErrorInWordsAndNoTimer()
    {
        _diagnoses.Throws(VitalErrorKind.Unauthorized);

        await _state.LoadAsync(Id(1));

        Assert.Equal("Vital rejected the API key", _state.Error!.Value.Title);
        // What the other sources said stays; the pulls are marked unavailable, never "none".
        Assert.Equal(Dashboard.Diagnosis.SourceState.Unavailable, _state.Diagnosis!.Sources!.HistoricalPulls);
        Assert.DoesNotContain(Dashboard.Diagnosis.FindingCodes.NoPullData, _state.Diagnosis.Findings.Select(f => f.Code));
        Assert.False(_state.AutoRefreshRunning);
    }

    [Fact]
    public void Interval_FromOptions_AsConfigured()
    {
        using var state = new UserPageState(_diagnoses, _time, Options.Create(new UiOptions { AutoRefreshSeconds = 45 }));

        Assert.Equal(TimeSpan.FromSeconds(45), state.Interval);
    }

    [Fact]
    public async Task Tick_SwitchedOff_NoFetch()
    {
        _diagnoses.Returns(Typical());
        await _state.LoadAsync(Id(1));
        await _state.SetAutoRefreshAsync(false);

        await _state.TickAsync();

        Assert.Single(_diagnoses.Calls);
        Assert.False(_state.AutoRefreshRunning);
    }

    [Fact]
    public async Task Reset_DuringAFetch_TheLateAnswerIsDroppedAndNothingTicks()
    {
        _diagnoses.Returns(Typical());
        _diagnoses.Hold();
        var loading = _state.LoadAsync(Id(1));

        _state.Reset();
        _diagnoses.Release();
        await loading;

        Assert.Null(_state.UserId);
        Assert.Null(_state.Diagnosis);
        Assert.False(_state.Loading);
        Assert.False(_state.AutoRefreshRunning);
    }

    [Fact]
    public async Task Reset_ThenLoad_WorksAgainWithAutoRefreshBackOn()
    {
        _diagnoses.Returns(Typical());
        await _state.LoadAsync(Id(1));
        await _state.SetAutoRefreshAsync(false);

        _state.Reset();
        await _state.LoadAsync(Id(1));

        Assert.Equal(2, _diagnoses.Calls.Count);
        Assert.True(_state.AutoRefreshEnabled);
        Assert.True(_state.AutoRefreshRunning);
    }

    [Fact]
    public async Task Dispose_StopsTheTimerAndTwiceIsHarmless()
    {
        _diagnoses.Returns(Typical());
        await _state.LoadAsync(Id(1));

        _state.Dispose();
        _state.Dispose();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(_state.AutoRefreshRunning);
        Assert.Single(_diagnoses.Calls);
    }

    [Fact]
    public async Task RefreshAsync_PastThePerPersonLimit_VitalNotAskedAndTheAnswerStays()
    {
        var limit = new Dashboard.Web.Security.ForcedRefreshes(Options.Create(new Dashboard.Web.Security.ApiOptions { ForcedRefreshesPerMinute = 2 }));
        using var _ = limit;
        using var state = new UserPageState(_diagnoses, _time, Options.Create(new UiOptions()), limit);
        _diagnoses.Returns(Typical());
        await state.LoadAsync(Id(1));

        await state.RefreshAsync();
        await state.RefreshAsync();
        Assert.False(state.RefreshLimited);
        await state.RefreshAsync();

        Assert.Equal(2, _diagnoses.Calls.Count(c => c.MaxAge == TimeSpan.Zero));
        Assert.True(state.RefreshLimited);
        Assert.False(state.Refreshing);
        Assert.NotNull(state.Diagnosis);
        Assert.Equal(2, state.RefreshesPerMinute);
    }
}
