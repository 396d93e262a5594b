using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineThresholdTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    // Offsets from the threshold: exactly at it is not stuck ("older than"), one second past it is.
    public static TheoryData<TimeSpan, string> ScheduledBoundaries => new()
    {
        { TimeSpan.FromHours(6) - OneSecond, FindingCodes.PullInProgress },
        { TimeSpan.FromHours(6), FindingCodes.PullInProgress },
        { TimeSpan.FromHours(6) + OneSecond, FindingCodes.PullStuckScheduled },
        { TimeSpan.Zero, FindingCodes.PullInProgress },
        { TimeSpan.FromDays(30), FindingCodes.PullStuckScheduled },
    };

    [Theory]
    [MemberData(nameof(ScheduledBoundaries))]
    public void Diagnose_ScheduledPull_IsStuckOnlyWhenOlderThanStuckScheduledAfter(TimeSpan waited, string code)
    {
        // Act
        var diagnosis = Diagnose(Scheduled(waited));

        // Assert
        Assert.Equal([code], diagnosis.Codes());
    }

    public static TheoryData<TimeSpan, string> InProgressBoundaries => new()
    {
        { TimeSpan.FromDays(1) - OneSecond, FindingCodes.PullInProgress },
        { TimeSpan.FromDays(1), FindingCodes.PullInProgress },
        { TimeSpan.FromDays(1) + OneSecond, FindingCodes.PullStuckInProgress },
        { TimeSpan.FromMinutes(1), FindingCodes.PullInProgress },
    };

    [Theory]
    [MemberData(nameof(InProgressBoundaries))]
    public void Diagnose_InProgressPull_IsStuckOnlyWhenStartedMoreThanStuckInProgressAfterAgo(TimeSpan running, string code)
    {
        // Act
        var diagnosis = Diagnose(InProgress(running));

        // Assert
        Assert.Equal([code], diagnosis.Codes());
    }

    [Theory]
    [InlineData(1799, FindingCodes.PullInProgress)]
    [InlineData(1800, FindingCodes.PullInProgress)]
    [InlineData(1801, FindingCodes.PullStuckScheduled)]
    public void Diagnose_ScheduledPullWithConfiguredThreshold_UsesTheConfiguredValue(int secondsWaited, string code)
    {
        // Arrange
        var options = new DiagnosisOptions { StuckScheduledAfter = TimeSpan.FromMinutes(30) };

        // Act
        var diagnosis = Diagnose(Scheduled(TimeSpan.FromSeconds(secondsWaited)), options: options);

        // Assert
        Assert.Equal([code], diagnosis.Codes());
    }

    [Theory]
    [InlineData(7199, FindingCodes.PullInProgress)]
    [InlineData(7200, FindingCodes.PullInProgress)]
    [InlineData(7201, FindingCodes.PullStuckInProgress)]
    public void Diagnose_InProgressPullWithConfiguredThreshold_UsesTheConfiguredValue(int secondsRunning, string code)
    {
        // Arrange
        var options = new DiagnosisOptions { StuckInProgressAfter = TimeSpan.FromHours(2) };

        // Act
        var diagnosis = Diagnose(InProgress(TimeSpan.FromSeconds(secondsRunning)), options: options);

        // Assert
        Assert.Equal([code], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_StuckScheduledPull_ExplainsHowLongAndEvidenceHasHoursAndThreshold()
    {
        // Act
        var finding = Diagnose(Scheduled(TimeSpan.FromHours(8))).Single(FindingCodes.PullStuckScheduled);

        // Assert
        Assert.Equal("Oura sleep pull stuck waiting to start", finding.Title);
        Assert.Contains("8 hours ago (2026-11-26 02:00 UTC)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("longer than 6 hours", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(8, finding.Evidence.HoursWaiting);
        Assert.Equal(6, finding.Evidence.ThresholdHours);

        // A scheduled pull has no trace id yet: the action says what to give Vital instead.
        Assert.Contains($"user id {UserId}, provider oura, resource sleep", finding.Action, StringComparison.Ordinal);
        Assert.Contains("Vital sent no trace id", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_StuckInProgressPull_ExplainsHowLongAndEscalatesWithTheTraceId()
    {
        // Act
        var finding = Diagnose(InProgress(TimeSpan.FromDays(2) + TimeSpan.FromHours(3))).Single(FindingCodes.PullStuckInProgress);

        // Assert
        Assert.Equal("Oura sleep pull stuck in progress", finding.Title);
        Assert.Contains("started 2 days 3 hours ago", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("longer than 1 day", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"trace id {TraceId} and release {Release}", finding.Action, StringComparison.Ordinal);
        Assert.Equal(51, finding.Evidence.HoursRunning);
        Assert.Equal(24, finding.Evidence.ThresholdHours);
    }

    [Fact]
    public void Diagnose_InProgressPullWithinLimit_SaysNothingToDoAndWhenItCountsAsStuck()
    {
        // Act
        var finding = Diagnose(InProgress(TimeSpan.FromMinutes(45))).Single(FindingCodes.PullInProgress);

        // Assert
        Assert.Equal("Oura sleep pull in progress", finding.Title);
        Assert.Contains("45 minutes ago", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Nothing to do yet", finding.Action, StringComparison.Ordinal);
        Assert.Contains("still running 1 day after it started", finding.Action, StringComparison.Ordinal);
        Assert.Null(finding.Evidence.ThresholdHours);
    }

    [Fact]
    public void Diagnose_ScheduledPullWithinLimit_IsCalledScheduledAndNormal()
    {
        // Act
        var finding = Diagnose(Scheduled(TimeSpan.FromMinutes(5))).Single(FindingCodes.PullInProgress);

        // Assert
        Assert.Equal("Oura sleep pull scheduled", finding.Title);
        Assert.Contains("This is normal", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("still waiting 6 hours after it was scheduled", finding.Action, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(23, FindingCodes.PullInProgress)]
    [InlineData(25, FindingCodes.PullStuckInProgress)]
    public void Diagnose_InProgressWithoutStartedAt_MeasuresFromScheduledAt(int hoursSinceScheduled, string code)
    {
        // Arrange
        var pull = InProgress(TimeSpan.FromHours(1)).WithTimeline(AsOf.AddHours(-hoursSinceScheduled), startedAt: null, endedAt: null);

        // Act
        var diagnosis = Diagnose(pull);

        // Assert: the status finding, plus the anomaly of an in-progress pull without a start.
        Assert.Equal([code, FindingCodes.TimelineAnomaly], diagnosis.Codes());
        var finding = diagnosis.Single(code);
        Assert.Contains("was scheduled", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(hoursSinceScheduled, finding.Evidence.HoursRunning);
    }

    [Fact]
    public void Diagnose_InProgressWithoutAnyTime_IsInProgressAndSaysItCannotTellHowLong()
    {
        // Arrange
        var pull = InProgress(TimeSpan.FromHours(1)).WithTimeline(null, null, null);

        // Act
        var diagnosis = Diagnose(pull);

        // Assert
        Assert.Equal([FindingCodes.PullInProgress, FindingCodes.TimelineAnomaly], diagnosis.Codes());
        Assert.Contains("cannot tell how long", diagnosis.Single(FindingCodes.PullInProgress).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_ScheduledWithoutScheduledAt_IsInProgressAndSaysItCannotTellHowLong()
    {
        // Arrange
        var pull = Scheduled(TimeSpan.FromHours(1)).WithTimeline(null, null, null);

        // Act
        var diagnosis = Diagnose(pull);

        // Assert
        Assert.Equal([FindingCodes.PullInProgress, FindingCodes.TimelineAnomaly], diagnosis.Codes());
        var finding = diagnosis.Single(FindingCodes.PullInProgress);
        Assert.Contains("cannot tell how long it has been waiting", finding.Explanation, StringComparison.Ordinal);
        Assert.Null(finding.Evidence.HoursWaiting);
    }

    [Fact]
    public void Diagnose_ScheduledInTheFuture_IsInProgressWithZeroHoursWaiting()
    {
        // Arrange: a clock a little ahead at Vital.
        var pull = Scheduled(TimeSpan.FromMinutes(-2));

        // Act
        var finding = Diagnose(pull).Single(FindingCodes.PullInProgress);

        // Assert
        Assert.Equal(0, finding.Evidence.HoursWaiting);
    }

    // Coverage: days_with_data / days in range below the ratio is low; exactly at it is not.
    public static TheoryData<int, int, double, bool> CoverageBoundaries => new()
    {
        { 7, 14, 0.5, false },
        { 6, 14, 0.5, true },
        { 90, 180, 0.5, false },
        { 89, 180, 0.5, true },
        { 1, 180, 0.5, true },
        { 180, 180, 0.5, false },
        { 1, 4, 0.25, false },
        { 1, 5, 0.25, true },
        { 1, 180, 0, false },
        { 13, 14, 1, true },
        { 14, 14, 1, false },
        { 200, 180, 0.5, false },
    };

    [Theory]
    [MemberData(nameof(CoverageBoundaries))]
    public void Diagnose_SuccessWithSomeData_IsLowCoverageOnlyBelowTheRatio(int daysWithData, int rangeDays, double ratio, bool low)
    {
        // Arrange
        var options = new DiagnosisOptions { LowCoverageRatio = ratio };

        // Act
        var diagnosis = Diagnose(Success(daysWithData, rangeDays), "oura", "sleep", options);

        // Assert
        Assert.Equal(low ? [FindingCodes.PullLowCoverage] : [], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_LowCoverage_ExplainsDaysAndShareAndEvidenceHasCoverage()
    {
        // Act
        var finding = Diagnose(Success(12, 180)).Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.Equal("Oura sleep pull has data on 12 of 180 days", finding.Title);
        Assert.Contains("sleep data was found on only 12 days of the 180 days from 2026-05-30 00:00 UTC to 2026-11-26 00:00 UTC (7%).", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(12, finding.Evidence.DaysWithData);
        Assert.Equal(180, finding.Evidence.DaysInRange);
        Assert.Equal(0.067, finding.Evidence.Coverage);
        Assert.Null(finding.Evidence.ProviderNote);
    }

    [Fact]
    public void Diagnose_SuccessWithoutData_ExplainsAndAsksTheUser()
    {
        // Act
        var finding = Diagnose(Success(0, 180)).Single(FindingCodes.PullNoData);

        // Assert
        Assert.Equal("Oura sleep pull found no data", finding.Title);
        Assert.Contains("found no day with sleep data from 2026-05-30 00:00 UTC to 2026-11-26 00:00 UTC", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Ask the user whether their Oura account holds sleep data", finding.Action, StringComparison.Ordinal);
        Assert.Contains(TraceId, finding.Action, StringComparison.Ordinal);
        Assert.Equal(0, finding.Evidence.DaysWithData);
        Assert.Equal(180, finding.Evidence.DaysInRange);
    }

    [Fact]
    public void Diagnose_SuccessWithoutDataAndWithoutRange_IsNoDataAndSaysThereIsNoRange()
    {
        // Arrange
        var pull = Success(0) with { RangeStart = null, RangeEnd = null };

        // Act
        var finding = Diagnose(pull).Single(FindingCodes.PullNoData);

        // Assert
        Assert.Contains("(Vital sent no range)", finding.Explanation, StringComparison.Ordinal);
        Assert.Null(finding.Evidence.DaysInRange);
        Assert.Null(finding.Evidence.Coverage);
    }

    public static TheoryData<string> RangesWithoutCoverage => new() { "null range", "null start", "null end", "zero-length range" };

    private static readonly Dictionary<string, Func<HistoricalPull, HistoricalPull>> RangeEdits = new()
    {
        ["null range"] = p => p with { RangeStart = null, RangeEnd = null },
        ["null start"] = p => p with { RangeStart = null },
        ["null end"] = p => p with { RangeEnd = null },
        ["zero-length range"] = p => p with { RangeStart = Today, RangeEnd = Today },
    };

    [Theory]
    [MemberData(nameof(RangesWithoutCoverage))]
    public void Diagnose_SuccessWithDataButNoUsableRange_HasNoCoverageAndNoFinding(string range)
    {
        // Arrange
        var pull = RangeEdits[range](Success(1, 180));

        // Act
        var diagnosis = Diagnose(pull);

        // Assert
        Assert.Empty(diagnosis.Findings);
        var resource = Assert.Single(Assert.Single(diagnosis.Providers).Resources);
        Assert.Null(resource.DaysInRange);
        Assert.Null(resource.Coverage);
    }

    [Fact]
    public void Diagnose_NegativeDaysWithData_CountsAsNoData()
    {
        // Act
        var diagnosis = Diagnose(Success(-3));

        // Assert
        Assert.Equal([FindingCodes.PullNoData], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_RetryingLongerThanStuckInProgressAfter_SaysToEscalateNow()
    {
        // Act
        var finding = Diagnose(Retrying("provider_unavailable", TimeSpan.FromDays(1) + OneSecond)).Single(FindingCodes.PullRetrying);

        // Assert
        Assert.Contains("retrying for 1 day, longer than the 1 day this dashboard allows", finding.Action, StringComparison.Ordinal);
        Assert.Contains($"trace id {TraceId}", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_RetryingExactlyStuckInProgressAfter_StillSaysToWait()
    {
        // Act
        var finding = Diagnose(Retrying("provider_unavailable", TimeSpan.FromDays(1))).Single(FindingCodes.PullRetrying);

        // Assert
        Assert.StartsWith("Nothing to do yet", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_RetryingWithAnEndTime_MeasuresHowLongSinceItStartedToNow()
    {
        // Arrange: Vital's own example has a retrying pull with an ended_at a few seconds after its start.
        var started = AsOf.AddHours(-30);
        var pull = Retrying("provider_rate_limit_exceeded").WithTimeline(started.AddSeconds(-10), started, started.AddSeconds(3));

        // Act
        var diagnosis = Diagnose(pull);

        // Assert: still retrying; no anomaly for the end time; escalation because it started 30 hours ago.
        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal(FindingCodes.PullRetrying, finding.Code);
        Assert.Contains("it started 1 day 6 hours ago", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(30, finding.Evidence.HoursRunning);
    }
}
