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
}
