using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>A team repeats a few hundred labels millions of times: one object each, holding pooled strings.</summary>
public sealed class StringPoolTests
{
    [Fact]
    public void PullLabelOf_SamePartsAsNewStrings_OneLabelWithPooledStrings()
    {
        var pool = new StringPool();

        var first = pool.PullLabelOf(new string("oura"), new string("sleep"), new string("failure"), "Token expired", null);
        var second = pool.PullLabelOf(new string("oura"), new string("sleep"), new string("failure"), new string("Token expired"), null);
        var other = pool.PullLabelOf("oura", "sleep", "success", null, null);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Same(first.Provider, other.Provider);
        Assert.Same(pool.Intern(new string("oura")), first.Provider);
    }

    [Fact]
    public void FreshnessLabelOf_SameParts_OneLabel_AnotherStatusOrFlag_Another()
    {
        var pool = new StringPool();

        var first = pool.FreshnessLabelOf(new string("garmin"), new string("hrv"), new string("success"), hasSentCount: true, stale: false);
        var second = pool.FreshnessLabelOf(new string("garmin"), new string("hrv"), new string("success"), hasSentCount: true, stale: false);
        var failed = pool.FreshnessLabelOf("garmin", "hrv", "failure", hasSentCount: true, stale: false);
        var stale = pool.FreshnessLabelOf("garmin", "hrv", "success", hasSentCount: true, stale: true);
        var noCount = pool.FreshnessLabelOf("garmin", "hrv", "success", hasSentCount: false, stale: false);

        Assert.Same(first, second);
        Assert.NotSame(first, failed);
        Assert.Same(first.Resource, failed.Resource);
        Assert.True(stale.Stale);
        Assert.False(noCount.HasSentCount);
        Assert.Equal(4, new HashSet<FreshnessLabel>([first, failed, stale, noCount], ReferenceEqualityComparer.Instance).Count);
    }
}
