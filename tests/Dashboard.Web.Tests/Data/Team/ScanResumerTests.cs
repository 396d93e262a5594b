using System.Threading.Channels;
using Dashboard.Web.Data.Team;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>
/// The scan's patient cursor walk over a scripted upstream: pages are cursors, each read either answers the next
/// cursor or throws what the script says. The fake clock moves only by the walk's own waits (each timer it sets is
/// run out exactly), so patience is counted in those waits, never in how fast this machine runs.
/// </summary>
public sealed class ScanResumerTests
{
    private static readonly ProviderSlug Oura = new("oura");

    private readonly WaitingClock _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string?> _asked = [];
    private readonly List<(TeamWalk Walk, VitalErrorKind Kind)> _resumed = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScanResumer Resumer(TimeSpan patience)
    {
        var resumer = new ScanResumer(Options.Create(new VitalOptions { ScanPatience = patience }), _time, NullLogger<ScanResumer>.Instance);
        resumer.Resumed += (walk, kind) =>
        {
            lock (_resumed)
            {
                _resumed.Add((walk, kind));
            }
        };
        return resumer;
    }

    /// <summary>Three pages (null → c1 → c2 → end); <paramref name="fault"/> says what a read of a cursor throws, if anything.</summary>
    private Func<string?, CancellationToken, Task<string?[]>> Pages(Func<string?, int, VitalApiException?> fault)
    {
        var next = new Dictionary<string, string?> { [""] = "c1", ["c1"] = "c2", ["c2"] = null };
        return (cursor, _) =>
        {
            int attempt;
            lock (_asked)
            {
                _asked.Add(cursor);
                attempt = _asked.Count(c => c == cursor);
            }

            if (fault(cursor, attempt) is { } error)
            {
                throw error;
            }

            return Task.FromResult<string?[]>([cursor, next[cursor ?? ""]]);
        };
    }

    /// <summary>Runs the walk to its end, running out each wait it starts.</summary>
    private async Task<List<string?>> WalkAsync(ScanResumer resumer, ScanGaps gaps, Func<string?, CancellationToken, Task<string?[]>> read)
    {
        var walk = Task.Run(async () =>
        {
            var pages = new List<string?>();
            await foreach (var page in resumer.WalkAsync(gaps, TeamWalk.Pulls, Oura, read, static p => p[1], Ct))
            {
                pages.Add(page[0]);
            }

            return pages;
        }, Ct);

        // Bounded: a walk that keeps waiting (it should give up) fails the test instead of hanging it.
        for (var waits = 0; waits < 1_000; waits++)
        {
            var waiting = _time.Waits.Reader.WaitToReadAsync(Ct).AsTask();
            if (await Task.WhenAny(walk, waiting) == walk)
            {
                return await walk;
            }

            while (_time.Waits.Reader.TryRead(out var wait))
            {
                _time.Advance(wait);
            }
        }

        Assert.Fail("The walk neither finished nor gave up.");
        return [];
    }

    /// <summary>A fake clock that tells the test about every timer set on it (a walk's back-off is one).</summary>
    private sealed class WaitingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public Channel<TimeSpan> Waits { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Waits.Writer.TryWrite(dueTime);
            return timer;
        }
    }

    private static VitalApiException Error(VitalErrorKind kind) => new(kind, $"Vital answered {kind}.");

    [Fact]
    public async Task Walk_PageFailsAfterTheRetriesThenRecovers_AsksForTheSameCursorAgainAndReadsEveryPage()
    {
        var resumer = Resumer(TimeSpan.FromMinutes(3));
        var gaps = new ScanGaps();

        var pages = await WalkAsync(resumer, gaps, Pages((cursor, attempt) => cursor == "c1" && attempt <= 2 ? Error(VitalErrorKind.Unavailable) : null));

        Assert.Equal([null, "c1", "c2"], pages);
        Assert.Equal([null, "c1", "c1", "c1", "c2"], _asked);
        Assert.True(gaps.IsEmpty);
        Assert.Equal([(TeamWalk.Pulls, VitalErrorKind.Unavailable), (TeamWalk.Pulls, VitalErrorKind.Unavailable)], _resumed);
    }

    [Theory]
    [InlineData(VitalErrorKind.RateLimited)]
    [InlineData(VitalErrorKind.Timeout)]
    [InlineData(VitalErrorKind.Network)]
    [InlineData(VitalErrorKind.MalformedResponse)]
    public async Task Walk_AnyFaultAskingAgainMayMend_IsResumed(VitalErrorKind kind)
    {
        var pages = await WalkAsync(Resumer(TimeSpan.FromMinutes(3)), new ScanGaps(), Pages((cursor, attempt) => cursor == "c2" && attempt == 1 ? Error(kind) : null));

        Assert.Equal([null, "c1", "c2"], pages);
        Assert.Equal([(TeamWalk.Pulls, kind)], _resumed);
    }

    [Fact]
    public async Task Walk_PageFailingPastThePatience_StopsThereWithAGapAndKeepsThePagesRead()
    {
        var patience = TimeSpan.FromSeconds(40);
        var gaps = new ScanGaps();

        var pages = await WalkAsync(Resumer(patience), gaps, Pages((cursor, _) => cursor == "c1" ? Error(VitalErrorKind.MalformedResponse) : null));

        Assert.Equal([null], pages);
        var gap = Assert.Single(gaps.ToList());
        Assert.Equal((Oura, TeamWalk.Pulls, 1, VitalErrorKind.MalformedResponse), (gap.Provider, gap.Walk, gap.PagesRead, gap.Kind));
        Assert.Equal("oura's historical pulls", gap.Scope);
        Assert.True(gaps.GaveUp);

        // Backed off 0.5, 1, 2, 4, 8, 15, then the 9.5 s that were left: asked 8 times in all, always for the same page.
        Assert.Equal(["c1"], _asked.Skip(1).Distinct());
        Assert.Equal(8, _asked.Count(c => c == "c1"));
    }

    [Fact]
    public async Task Walk_NoPatience_GivesUpAtTheFirstPageThatFailsAfterTheRetries()
    {
        var gaps = new ScanGaps();

        var pages = await WalkAsync(Resumer(TimeSpan.Zero), gaps, Pages((cursor, _) => cursor == "c2" ? Error(VitalErrorKind.Unavailable) : null));

        Assert.Equal([null, "c1"], pages);
        Assert.Equal(2, Assert.Single(gaps.ToList()).PagesRead);
        Assert.Empty(_resumed);
    }

    [Fact]
    public async Task Walk_AnotherWalkOfTheScanGaveUpAlready_GivesUpAtItsFirstFailureInsteadOfWaitingAgain()
    {
        var gaps = new ScanGaps();
        gaps.Add(new ScanGap(new ProviderSlug("garmin"), TeamWalk.Pulls, 3, VitalErrorKind.Unavailable, "Vital answered 503."));

        var pages = await WalkAsync(Resumer(TimeSpan.FromMinutes(3)), gaps, Pages((cursor, _) => cursor is null ? Error(VitalErrorKind.Unavailable) : null));

        Assert.Empty(pages);
        Assert.Equal(2, gaps.ToList().Count);
        Assert.Empty(_resumed);
    }

    [Theory]
    [InlineData(VitalErrorKind.Unauthorized)]
    [InlineData(VitalErrorKind.Forbidden)]
    [InlineData(VitalErrorKind.Validation)]
    [InlineData(VitalErrorKind.NotFound)]
    public async Task Walk_RefusalAskingAgainCannotChange_EndsTheScanAtOnce(VitalErrorKind kind)
    {
        var gaps = new ScanGaps();

        var thrown = await Assert.ThrowsAsync<VitalApiException>(() => WalkAsync(Resumer(TimeSpan.FromMinutes(3)), gaps, Pages((cursor, _) => cursor == "c1" ? Error(kind) : null)));

        Assert.Equal(kind, thrown.Kind);
        Assert.True(gaps.IsEmpty);
        Assert.Empty(_resumed);
    }

    [Fact]
    public async Task Walk_CursorSeenBefore_EndsTheScanAsALoop()
    {
        Task<string?[]> Loop(string? cursor, CancellationToken _) => Task.FromResult<string?[]>([cursor, cursor == "c1" ? "c1" : "c1"]);

        var thrown = await Assert.ThrowsAsync<VitalApiException>(() => WalkAsync(Resumer(TimeSpan.FromMinutes(3)), new ScanGaps(), Loop));

        Assert.Equal(VitalErrorKind.MalformedResponse, thrown.Kind);
        Assert.Contains("loop", thrown.Message, StringComparison.Ordinal);
    }
}
