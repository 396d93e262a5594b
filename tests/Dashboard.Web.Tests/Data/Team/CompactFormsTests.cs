using System.Runtime.CompilerServices;
using Dashboard.Web.Data.Team;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>
/// The snapshot's compact pull and ongoing data keep what the upstream sent, and compare by all of it (a rescan shares
/// the shown snapshot's arrays only for users that read the same).
/// </summary>
public sealed class CompactFormsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 30, 15, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static CompactPull Pull(string? traceId, StringPool pool) =>
        new("oura", "sleep", "failure", "unexpected_error", "1.2.3", traceId, 3, (At, At.AddMinutes(1), At.AddMinutes(2)), (At.AddDays(-30), At), pool);

    private static CompactFreshness Freshness(int? sentCount, bool stale, StringPool pool) =>
        new("oura", "sleep", new ResourceFreshness { NewestData = At, OldestData = At.AddDays(-90), LastAttempt = new LastAttempt(At, AttemptStatus.Success), SentCount = sentCount }, stale, pool);

    [Fact]
    public void Pull_ATraceIdThatIsNotHex_IsKeptAsItCameAndComparedByIt()
    {
        var pool = new StringPool();

        var odd = Pull("NOT-HEX-trace-1", pool);

        Assert.Equal("NOT-HEX-trace-1", odd.TraceId);
        Assert.Equal(odd, Pull("NOT-HEX-trace-1", pool));
        Assert.NotEqual(odd, Pull("NOT-HEX-trace-2", pool));
        Assert.NotEqual(odd, Pull("0123456789abcdef0123456789abcdef", pool));
        Assert.NotEqual(odd, Pull(null, pool));
        // The odd id is the pull's own: a pull of the same label made after it has no trace id but its own.
        Assert.Equal("0123456789abcdef0123456789abcdef", Pull("0123456789abcdef0123456789abcdef", pool).TraceId);
        Assert.Null(Pull(null, pool).TraceId);
        Assert.Equal("failure", odd.Status.Value);
        Assert.Equal("unexpected_error", odd.ErrorDetails);
        Assert.Equal("1.2.3", odd.Release);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData(0, false)]
    [InlineData(10, true)]
    [InlineData(int.MaxValue, false)]
    public void Freshness_SentCountAndStale_ComeBackAsTheyWere(int? sentCount, bool stale)
    {
        var freshness = Freshness(sentCount, stale, new StringPool());

        Assert.Equal(sentCount, freshness.SentCount);
        Assert.Equal(sentCount, freshness.ToFreshness().SentCount);
        Assert.Equal(stale, freshness.Stale);
        Assert.Equal(At, freshness.NewestData);
        Assert.Equal("success", freshness.AttemptStatus);
    }

    [Fact]
    public void Freshness_NoSentCountAndZero_AreNotTheSame()
    {
        var pool = new StringPool();

        Assert.NotEqual(Freshness(null, false, pool), Freshness(0, false, pool));
        Assert.NotEqual(Freshness(5, false, pool), Freshness(5, true, pool));
        Assert.Equal(Freshness(5, true, pool), Freshness(5, true, pool));
    }

    [Fact]
    public void Sizes_APullIs56Bytes_OngoingData32()
    {
        // 1.2 million pulls and 1.5 million resources at 100,000 users: 8 bytes more on either is 10 MB or more.
        Assert.Equal(56, Unsafe.SizeOf<CompactPull>());
        Assert.Equal(32, Unsafe.SizeOf<CompactFreshness>());
    }

    private static CompactPull Ranged(DateTimeOffset? start, DateTimeOffset? end, int days, StringPool pool, string? traceId = "0123456789abcdef0123456789abcdef") =>
        new("oura", "sleep", "success", null, "1.2.3", traceId, days, (At, null, null), (start, end), pool);

    public static TheoryData<DateTimeOffset?, DateTimeOffset?, int> Ranges => new()
    {
        // Whole UTC days, as Vital sends them: kept in the pull's day fields.
        { Midnight.AddDays(-30), Midnight, 12 },
        { Midnight, Midnight, 0 },
        { null, Midnight, 1 },
        { null, null, 0 },
        { Midnight.AddDays(-65_534), Midnight, ushort.MaxValue },
        // Anything else: kept as it came on a label of the pull's own.
        { new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(2)), Midnight, 3 },
        { Midnight.AddDays(-3).AddTicks(10), Midnight, 3 },
        { Midnight.AddDays(-3), At.AddTicks(1234), 3 },
        { Midnight.AddDays(-3), null, 3 },
        { Midnight, Midnight.AddDays(-1), 3 },
        { Midnight.AddDays(-65_535), Midnight, 3 },
        { Midnight.AddDays(-3), Midnight, -1 },
        { Midnight.AddDays(-3), Midnight, ushort.MaxValue + 1 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Pull_RangeAndDaysWithData_ComeBackAsTheyCame(DateTimeOffset? start, DateTimeOffset? end, int days)
    {
        var pool = new StringPool();

        var pull = Ranged(start, end, days, pool);

        Assert.Equal(start, pull.RangeStart);
        Assert.Equal(end, pull.RangeEnd);
        Assert.Equal(days, pull.DaysWithData);
        Assert.Equal(start, pull.ToHistoricalPull().RangeStart);
        Assert.Equal(days, pull.ToHistoricalPull().DaysWithData);
        Assert.Equal("0123456789abcdef0123456789abcdef", pull.TraceId);
        Assert.Equal(pull, Ranged(start, end, days, pool));
        Assert.NotEqual(pull, Ranged(start, end, days + 1, pool));
        // A pull of the same label made after it reads its own range, not the one kept as it came.
        Assert.Equal(Midnight, Ranged(Midnight, Midnight, 1, pool).RangeStart);
    }

    [Fact]
    public void Pull_RangesThatDifferOnlyInTheirStart_AreNotTheSame()
    {
        var pool = new StringPool();

        Assert.NotEqual(Ranged(Midnight.AddDays(-3), Midnight, 1, pool), Ranged(Midnight.AddDays(-2), Midnight, 1, pool));
        Assert.NotEqual(Ranged(null, Midnight, 1, pool), Ranged(Midnight, Midnight, 1, pool));
        Assert.NotEqual(Ranged(null, Midnight, 1, pool), Ranged(null, null, 1, pool));
    }

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef")]
    [InlineData("")]
    public void Pull_ATraceIdTheHalvesCannotHold_IsKeptAsItCame_EvenWithARangeKeptSo(string traceId)
    {
        var pool = new StringPool();
        var oddRange = Midnight.AddDays(-3).AddTicks(10);

        var pull = Ranged(oddRange, Midnight, 3, pool, traceId);

        Assert.Equal(traceId, pull.TraceId);
        Assert.Equal(oddRange, pull.RangeStart);
        Assert.Equal(traceId, Ranged(Midnight, Midnight, 3, pool, traceId).TraceId);
        Assert.NotEqual(pull, Ranged(oddRange, Midnight, 3, pool, null));
        Assert.Null(Ranged(oddRange, Midnight, 3, pool, null).TraceId);
    }

    private static CompactFreshness Oldest(DateTimeOffset? oldest, StringPool pool) =>
        new("oura", "sleep", new ResourceFreshness { NewestData = At, OldestData = oldest, SentCount = 3 }, stale: false, pool);

    [Theory]
    [InlineData("2026-06-05T00:00:00+00:00")]
    [InlineData("2026-06-05T13:02:11+00:00")]
    [InlineData("2106-02-07T06:28:15+00:00")]
    // Kept as they came on a label of the resource's own: a fraction of a second, 1970's first instant and before, after 2106.
    [InlineData("2026-06-05T13:02:11.123456+00:00")]
    [InlineData("1970-01-01T00:00:00+00:00")]
    [InlineData("1969-12-31T23:59:59+00:00")]
    [InlineData("2106-02-07T06:28:16+00:00")]
    [InlineData(null)]
    public void Freshness_OldestData_ComesBackAsItCame(string? oldestText)
    {
        var pool = new StringPool();
        DateTimeOffset? oldest = oldestText is null ? null : DateTimeOffset.Parse(oldestText, System.Globalization.CultureInfo.InvariantCulture);

        var freshness = Oldest(oldest, pool);

        Assert.Equal(oldest, freshness.OldestData);
        Assert.Equal(oldest, freshness.ToFreshness().OldestData);
        Assert.Equal(3, freshness.SentCount);
        Assert.Equal(freshness, Oldest(oldest, pool));
        Assert.NotEqual(freshness, Oldest(oldest?.AddSeconds(1) ?? At, pool));
        // One resource's own label does not leak to the next that shares its parts.
        Assert.Equal(Midnight, Oldest(Midnight, pool).OldestData);
    }
}
