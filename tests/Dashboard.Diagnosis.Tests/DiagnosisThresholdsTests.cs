using Vital.Introspection;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisThresholdsTests
{
    private static readonly DateTimeOffset AsOf = TestData.AsOf;
    private static readonly DiagnosisThresholds Thresholds = new(TimeSpan.FromHours(6), TimeSpan.FromDays(1), 0.5);

    [Theory]
    [InlineData("scheduled", 6 * 60, false)]
    [InlineData("scheduled", 6 * 60 + 1, true)]
    [InlineData("in_progress", 24 * 60, false)]
    [InlineData("in_progress", 24 * 60 + 1, true)]
    [InlineData("retrying", 10 * 24 * 60, false)]
    [InlineData("success", 10 * 24 * 60, false)]
    public void IsStuck_OlderThanItsLimit_OnlyScheduledAndInProgress(string status, int minutesOld, bool stuck)
    {
        // Arrange
        var since = AsOf.AddMinutes(-minutesOld);

        // Act and assert
        Assert.Equal(stuck, Thresholds.IsStuck(new PullStatus(status), since, since, AsOf));
    }

    [Fact]
    public void IsStuck_InProgressWithoutStart_CountsFromScheduled()
    {
        // Act and assert
        Assert.True(Thresholds.IsStuck(PullStatus.InProgress, AsOf.AddDays(-2), startedAt: null, AsOf));
        Assert.False(Thresholds.IsStuck(PullStatus.InProgress, scheduledAt: null, startedAt: null, AsOf));
    }

    [Fact]
    public void IsStuck_TheEngineAndThePageAgree()
    {
        // Arrange: the diagnosis's own finding for a pull scheduled 7 hours ago.
        var engine = new DiagnosisEngine(new DiagnosisOptions());
        var pull = TestData.Scheduled(TimeSpan.FromHours(7));
        var finding = Assert.Single(engine.Diagnose(TestData.One(pull), AsOf).Findings);

        // Act and assert
        Assert.Equal(FindingCodes.PullStuckScheduled, finding.Code);
        Assert.True(engine.Thresholds.IsStuck(pull.Status, pull.Timeline.ScheduledAt, pull.Timeline.StartedAt, AsOf));
    }

    [Theory]
    [InlineData("failure", 0, true)]
    [InlineData("scheduled", 7 * 60, true)]
    [InlineData("scheduled", 60, false)]
    [InlineData("success", 0, false)]
    public void IsProblem_StatusOrAge(string status, int minutesOld, bool problem)
    {
        // Arrange
        var since = AsOf.AddMinutes(-minutesOld);

        // Act and assert
        Assert.Equal(problem, Thresholds.IsProblem(new PullStatus(status), since, null, AsOf));
    }

    [Theory]
    [InlineData(0.49, true)]
    [InlineData(0.5, false)]
    public void IsLowCoverage_StrictlyBelowTheRatio(double coverage, bool low)
    {
        // Act and assert
        Assert.Equal(low, Thresholds.IsLowCoverage(coverage));
    }
}
