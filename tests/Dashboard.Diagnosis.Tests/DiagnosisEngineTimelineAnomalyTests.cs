using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineTimelineAnomalyTests
{
    // A named pull and the sentence its anomaly must contain.
    public static TheoryData<string, string> AnomalyCases => new()
    {
        { "started before scheduled", "It started (2026-11-26 08:00 UTC) before it was scheduled (2026-11-26 09:00 UTC)." },
        { "ended before started", "It ended (2026-11-26 08:00 UTC) before it started (2026-11-26 09:00 UTC)." },
        { "ended without started", "It has an end time but no start time." },
        { "success without ended", "It succeeded but has no end time." },
        { "in progress with an end", "It is still in progress but already has an end time." },
        { "scheduled with an end", "It is still scheduled but already has an end time." },
        { "no scheduled time", "It has no scheduled time, which every pull should have." },
        { "range ends before it starts", "Its data range ends (2026-10-01 00:00 UTC) before it starts (2026-11-01 00:00 UTC)." },
        { "started two seconds before scheduled", "It started (2026-11-26 09:00:28 UTC) before it was scheduled (2026-11-26 09:00:30 UTC)." },
        { "ended two seconds before started", "It ended (2026-11-26 09:00:28 UTC) before it started (2026-11-26 09:00:30 UTC)." },
    };

    private static readonly Dictionary<string, Func<HistoricalPull>> Pulls = new()
    {
        ["started before scheduled"] = () => Failed().WithTimeline(AsOf.AddHours(-1), AsOf.AddHours(-2), AsOf.AddMinutes(-30)),
        ["ended before started"] = () => Failed().WithTimeline(AsOf.AddHours(-3), AsOf.AddHours(-1), AsOf.AddHours(-2)),
        ["ended without started"] = () => Failed().WithTimeline(AsOf.AddHours(-3), null, AsOf.AddHours(-2)),
        ["success without ended"] = () => Healthy().WithTimeline(AsOf.AddHours(-3), AsOf.AddHours(-2), null),
        ["in progress with an end"] = () => InProgress(TimeSpan.FromHours(1)).WithTimeline(AsOf.AddHours(-3), AsOf.AddHours(-2), AsOf.AddHours(-1)),
        ["scheduled with an end"] = () => Scheduled(TimeSpan.FromHours(1)).WithTimeline(AsOf.AddHours(-1), null, AsOf.AddMinutes(-1)),
        ["no scheduled time"] = () => Healthy().WithTimeline(null, AsOf.AddHours(-2), AsOf.AddHours(-1)),
        // Within one minute, so the sentence gives seconds.
        ["started two seconds before scheduled"] = () => Failed().WithTimeline(AsOf.AddMinutes(-59.5), AsOf.AddMinutes(-59.5).AddSeconds(-2), null),
        ["ended two seconds before started"] = () => Failed().WithTimeline(AsOf.AddHours(-2), AsOf.AddMinutes(-59.5), AsOf.AddMinutes(-59.5).AddSeconds(-2)),
        ["range ends before it starts"] = () => Failed() with
        {
            RangeStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            RangeEnd = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        },
    };

    [Theory]
    [MemberData(nameof(AnomalyCases))]
    public void Diagnose_PullWithInconsistentTimes_HasATimelineAnomalyListingTheProblem(string pull, string sentence)
    {
        // Act
        var diagnosis = Diagnose(Pulls[pull]());

        // Assert
        var finding = diagnosis.Single(FindingCodes.TimelineAnomaly);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("Oura sleep pull has an inconsistent timeline", finding.Title);
        Assert.Contains(finding.Evidence.Anomalies!, a => a.StartsWith(sentence, StringComparison.Ordinal));
        Assert.Contains(sentence, finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_SuccessWithoutEndedAt_ExplainsWhatTheEndTimeMeans()
    {
        // Act
        var finding = Diagnose(Healthy().WithTimeline(AsOf.AddHours(-3), AsOf.AddHours(-2), null)).Single(FindingCodes.TimelineAnomaly);

        // Assert
        Assert.Contains("every data webhook was sent", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal([FindingCodes.TimelineAnomaly], Diagnose(Healthy().WithTimeline(AsOf.AddHours(-3), AsOf.AddHours(-2), null)).Codes());
    }

    [Fact]
    public void Diagnose_SeveralProblemsOnOnePull_GivesOneFindingListingThemAll()
    {
        // Arrange: ended without a start, and the range is reversed.
        var pull = Failed().WithTimeline(AsOf.AddHours(-3), null, AsOf.AddHours(-2)) with { RangeStart = Today, RangeEnd = Today.AddDays(-1) };

        // Act
        var diagnosis = Diagnose(pull);

        // Assert
        var finding = diagnosis.Single(FindingCodes.TimelineAnomaly);
        Assert.Equal(2, finding.Evidence.Anomalies!.Count);
    }

    public static TheoryData<string> ConsistentPulls => new()
    {
        "healthy", "failed", "retrying", "scheduled", "in progress", "same instant",
        "started within a second of scheduled, printed at another precision", "ended within a second of started",
    };

    private static readonly Dictionary<string, Func<HistoricalPull>> Consistent = new()
    {
        ["healthy"] = Healthy,
        ["failed"] = () => Failed("unexpected_error"),
        ["retrying"] = () => Retrying(),
        ["scheduled"] = () => Scheduled(TimeSpan.FromHours(1)),
        ["in progress"] = () => InProgress(TimeSpan.FromHours(1)),
        ["same instant"] = () => Healthy().WithTimeline(AsOf.AddHours(-1), AsOf.AddHours(-1), AsOf.AddHours(-1)),
        // scheduled_at 09:00:00.654321 (microseconds), started_at 09:00:00 (seconds): the same instant.
        ["started within a second of scheduled, printed at another precision"] = () =>
            Failed().WithTimeline(AsOf.AddHours(-1).AddTicks(6_543_210), AsOf.AddHours(-1), null),
        ["ended within a second of started"] = () => Failed().WithTimeline(AsOf.AddHours(-2), AsOf.AddHours(-1), AsOf.AddHours(-1).AddMilliseconds(-999)),
    };

    [Theory]
    [MemberData(nameof(ConsistentPulls))]
    public void Diagnose_PullWithConsistentTimes_HasNoTimelineAnomaly(string pull)
    {
        // Act
        var diagnosis = Diagnose(Consistent[pull]());

        // Assert
        Assert.DoesNotContain(FindingCodes.TimelineAnomaly, diagnosis.Codes());
    }
}
