using Dashboard.Web.Connections;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Connections;

public sealed class SweepProgressTests
{
    [Fact]
    public void Describe_RoundUnderWay_ReadOfAllSinceWhenAndTimeLeft()
    {
        var progress = new SweepProgress(12_345, 100_000, Now.AddHours(-3), TimeSpan.FromHours(9), null);

        Assert.Equal(
            "Connections read for 12,345 of 100,000 users; this round started 3 h ago; about 9 h left.",
            progress.Describe(Now));
    }

    [Fact]
    public void Describe_NoRoundYetAndAProblem_CountsThenTheProblem()
    {
        var progress = new SweepProgress(0, 1, null, TimeSpan.FromSeconds(1), "Vital could not be asked.");

        Assert.Equal("Connections read for 0 of 1 user; about 1 s left. Vital could not be asked.", progress.Describe(Now));
    }

    [Fact]
    public void Describe_EveryoneRead_NoTimeLeftSaid()
    {
        var progress = new SweepProgress(5, 5, Now.AddMinutes(-2), TimeSpan.Zero, null);

        Assert.Equal("Connections read for 5 of 5 users; this round started 2 min ago.", progress.Describe(Now));
    }
}
