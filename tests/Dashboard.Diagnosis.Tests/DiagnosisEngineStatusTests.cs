using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineStatusTests
{
    // Each case names a pull (see Pulls below), the finding its status gives, and that finding's severity.
    public static TheoryData<string, string, Severity> StatusCases => new()
    {
        { "failure", FindingCodes.PullFailed, Severity.Critical },
        { "legacy error", FindingCodes.PullFailed, Severity.Critical },
        { "retrying", FindingCodes.PullRetrying, Severity.Warning },
        { "scheduled 1 hour ago", FindingCodes.PullInProgress, Severity.Info },
        { "scheduled 7 hours ago", FindingCodes.PullStuckScheduled, Severity.Warning },
        { "in progress for 1 hour", FindingCodes.PullInProgress, Severity.Info },
        { "in progress for 2 days", FindingCodes.PullStuckInProgress, Severity.Warning },
        { "success without data", FindingCodes.PullNoData, Severity.Warning },
        { "success with low coverage", FindingCodes.PullLowCoverage, Severity.Info },
        { "unknown status 'paused'", FindingCodes.UnknownStatus, Severity.Warning },
        { "empty status", FindingCodes.UnknownStatus, Severity.Warning },
    };

    private static readonly Dictionary<string, Func<HistoricalPull>> Pulls = new()
    {
        ["failure"] = () => Failed("unexpected_error"),
        ["legacy error"] = () => Failed(status: "error"),
        ["retrying"] = () => Retrying("provider_unavailable"),
        ["scheduled 1 hour ago"] = () => Scheduled(TimeSpan.FromHours(1)),
        ["scheduled 7 hours ago"] = () => Scheduled(TimeSpan.FromHours(7)),
        ["in progress for 1 hour"] = () => InProgress(TimeSpan.FromHours(1)),
        ["in progress for 2 days"] = () => InProgress(TimeSpan.FromDays(2)),
        ["success without data"] = () => Success(0),
        ["success with low coverage"] = () => Success(10),
        ["unknown status 'paused'"] = () => Healthy() with { Status = new PullStatus("paused") },
        ["empty status"] = () => Healthy() with { Status = new PullStatus(string.Empty) },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Diagnose_PullWithStatus_GivesOneFindingWithItsCodeAndSeverity(string pull, string code, Severity severity)
    {
        // Arrange
        var pulls = One(Pulls[pull](), "oura", "sleep");

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal("oura", finding.Provider);
        Assert.Equal("sleep", finding.Resource);
        Assert.Equal(severity, diagnosis.Overall);
        Assert.False(string.IsNullOrWhiteSpace(finding.Title));
        Assert.False(string.IsNullOrWhiteSpace(finding.Explanation));
        Assert.False(string.IsNullOrWhiteSpace(finding.Action));
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Diagnose_PullWithStatus_ResourceKeepsTheStatusVerbatimAndTheFindingsSeverity(string pull, string code, Severity severity)
    {
        // Arrange
        var input = Pulls[pull]();

        // Act
        var resource = Assert.Single(Assert.Single(Diagnose(input).Providers).Resources);

        // Assert
        Assert.Equal(input.Status, resource.Status);
        Assert.Equal(severity, resource.Severity);
        Assert.Equal([code], resource.FindingCodes);
    }

    [Fact]
    public void Diagnose_HealthySuccess_HasNoFindingAndIsOk()
    {
        // Arrange
        var pulls = One(Healthy());

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        Assert.Empty(diagnosis.Findings);
        Assert.Equal(Severity.Ok, diagnosis.Overall);
        Assert.Equal("1 pull succeeded", diagnosis.Headline);
        var resource = Assert.Single(Assert.Single(diagnosis.Providers).Resources);
        Assert.Equal(Severity.Ok, resource.Severity);
        Assert.Empty(resource.FindingCodes);
    }

    [Fact]
    public void Diagnose_LegacyErrorStatus_ExplainsItIsTheOlderNameForFailure()
    {
        // Act
        var finding = Diagnose(Failed(status: "error")).Single(FindingCodes.PullFailed);

        // Assert
        Assert.Contains("'error', the older name Vital used for a failed pull", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal("error", finding.Evidence.Status?.Value);
    }

    [Fact]
    public void Diagnose_FailureStatus_DoesNotMentionTheLegacyName()
    {
        // Act
        var finding = Diagnose(Failed("unexpected_error")).Single(FindingCodes.PullFailed);

        // Assert
        Assert.DoesNotContain("older name", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_UnknownStatus_ShowsTheValueVerbatimAndSaysVitalAddedIt()
    {
        // Arrange
        var pull = Healthy() with { Status = new PullStatus("Paused_For_Review") };

        // Act
        var finding = Diagnose(pull).Single(FindingCodes.UnknownStatus);

        // Assert
        Assert.Equal("Oura sleep pull has unknown status 'Paused_For_Review'", finding.Title);
        Assert.Contains("'Paused_For_Review'", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Vital added a status this dashboard does not know yet", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("'Paused_For_Review'", finding.Action, StringComparison.Ordinal);
        Assert.Equal("Paused_For_Review", finding.Evidence.Status?.Value);
    }

    [Fact]
    public void Diagnose_EmptyStatus_SaysVitalSentNoStatus()
    {
        // Act
        var finding = Diagnose(Healthy() with { Status = new PullStatus(string.Empty) }).Single(FindingCodes.UnknownStatus);

        // Assert
        Assert.Equal("Oura sleep pull has no status", finding.Title);
        Assert.Contains("Vital sent no status", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_FailedPull_EvidenceCarriesTraceIdReleaseAndTimeline()
    {
        // Arrange
        var pull = Failed("non_retriable_error");

        // Act
        var evidence = Diagnose(pull).Single(FindingCodes.PullFailed).Evidence;

        // Assert
        Assert.Equal(TraceId, evidence.TraceId);
        Assert.Equal(Release, evidence.Release);
        Assert.Equal("non_retriable_error", evidence.ErrorDetails);
        Assert.Equal("failure", evidence.Status?.Value);
        Assert.Equal(pull.Timeline.ScheduledAt, evidence.ScheduledAt);
        Assert.Equal(pull.Timeline.StartedAt, evidence.StartedAt);
        Assert.Equal(pull.Timeline.EndedAt, evidence.EndedAt);
        Assert.Equal(pull.RangeStart, evidence.RangeStart);
        Assert.Equal(0, evidence.DaysWithData);
    }

    [Theory]
    [InlineData("oura", "sleep", "Oura sleep pull failed")]
    [InlineData("apple_health_kit", "heartrate", "Apple HealthKit heart rate pull failed")]
    [InlineData("fitbit", "blood_oxygen", "Fitbit blood oxygen pull failed")]
    [InlineData("whoop_v2", "hrv", "WHOOP (v2) HRV pull failed")]
    [InlineData("acme_ring", "aura_score", "acme_ring aura_score pull failed")]
    public void Diagnose_FailedPull_TitleUsesDisplayNamesOrTheVerbatimValues(string provider, string resource, string title)
    {
        // Act
        var finding = Diagnose(Failed("unexpected_error"), provider, resource).Single(FindingCodes.PullFailed);

        // Assert
        Assert.Equal(title, finding.Title);
        Assert.Equal(provider, finding.Provider);
        Assert.Equal(resource, finding.Resource);
    }

    [Fact]
    public void FindingCodes_All_HoldsTheTwentyTwoDistinctCodesOfTheTables()
    {
        // Assert
        Assert.Equal(22, FindingCodes.All.Count);
        Assert.Equal(FindingCodes.All.Count, FindingCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(FindingCodes.All, code => Assert.Matches("^[a-z_]+$", code));
    }

    public static TheoryData<string, Severity> CodeSeverities => new()
    {
        { "pull_failed", Severity.Critical },
        { "pull_retrying", Severity.Warning },
        { "pull_stuck_scheduled", Severity.Warning },
        { "pull_stuck_in_progress", Severity.Warning },
        { "pull_in_progress", Severity.Info },
        { "pull_no_data", Severity.Warning },
        { "pull_low_coverage", Severity.Info },
        { "resources_not_pulled", Severity.Warning },
        { "no_pull_data", Severity.Warning },
        { "unknown_status", Severity.Warning },
        { "timeline_anomaly", Severity.Info },
        { "user_not_found", Severity.Critical },
        { "no_connections", Severity.Warning },
        { "connection_error", Severity.Critical },
        { "connection_paused", Severity.Warning },
        { "unknown_connection_status", Severity.Warning },
        { "scopes_denied", Severity.Warning },
        { "data_stale", Severity.Warning },
        { "data_delay_normal", Severity.Info },
        { "last_attempt_failed", Severity.Warning },
        { "outside_ingestion_bounds", Severity.Info },
        { "source_unavailable", Severity.Warning },
    };

    [Theory]
    [MemberData(nameof(CodeSeverities))]
    public void FindingCodes_SeverityOf_MatchesTheArchitectureTable(string code, Severity severity)
    {
        // Assert
        Assert.Contains(code, FindingCodes.All);
        Assert.Equal(severity, FindingCodes.SeverityOf(code));
    }

    [Fact]
    public void FindingCodes_SeverityOfAnUnknownCode_Throws()
    {
        // Act and assert
        Assert.Throws<ArgumentException>(() => FindingCodes.SeverityOf("pull_exploded"));
    }
}
