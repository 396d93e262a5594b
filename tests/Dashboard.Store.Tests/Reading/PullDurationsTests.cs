using Dashboard.Store.Model;
using Dashboard.Store.Reading;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.Reading;

public sealed class PullDurationsTests
{
    private static long _id;

    private static TransitionRecord Change(string user, string resource, double hours, string? from, string? to) => new()
    {
        Id = ++_id,
        Kind = TransitionKind.Pull,
        UserId = user,
        Provider = "oura",
        Resource = resource,
        SeenAt = T0.AddHours(hours),
        FromValue = from,
        ToValue = to,
    };

    [Fact]
    public void Measure_ScheduledThenEnded_TimeBetweenTheScansThatSawThem()
    {
        var durations = PullDurations.Measure(
        [
            Change("u1", "sleep", 5, "in_progress", "success"),
            Change("u1", "sleep", 1, "success", "scheduled"),
            Change("u1", "sleep", 3, "scheduled", "in_progress"),
            Change("u2", "sleep", 0, null, "scheduled"),
            Change("u2", "sleep", 1, "scheduled", "error"),
            Change("u3", "workouts", 2, "scheduled", "failure"),
            Change("u4", "workouts", 1, "success", "scheduled"),
            Change("u4", "workouts", 2, "scheduled", null),
            Change("u4", "workouts", 9, null, "success"),
        ]);

        Assert.Equal([new ResourceDurations("sleep", 2, TimeSpan.FromHours(1), TimeSpan.FromHours(4))], durations);
    }

    [Theory]
    [InlineData(new[] { 1.0 }, 1.0, 1.0)]
    [InlineData(new[] { 1.0, 2.0 }, 1.0, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0 }, 10.0, 19.0)]
    public void Rank_NearestRank_MedianAndP95(double[] hours, double median, double p95)
    {
        var sorted = hours.Select(TimeSpan.FromHours).ToList();

        Assert.Equal(TimeSpan.FromHours(median), PullDurations.Rank(sorted, 0.5));
        Assert.Equal(TimeSpan.FromHours(p95), PullDurations.Rank(sorted, 0.95));
    }
}
