using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineUserTests
{
    [Fact]
    public void Diagnose_NoProviders_IsNoPullDataExplainingBothPossibilities()
    {
        // Act
        var diagnosis = Diagnose(UserHistoricalPulls.Empty(UserId));

        // Assert
        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal(FindingCodes.NoPullData, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Null(finding.Provider);
        Assert.Null(finding.Resource);
        Assert.Contains("a user id it does not know and for a user who has not connected any provider", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Check the user id", finding.Action, StringComparison.Ordinal);
        Assert.Contains("may not have its pulls scheduled yet", finding.Action, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, diagnosis.Overall);
        Assert.Equal("No historical pulls", diagnosis.Headline);
        Assert.Empty(diagnosis.Providers);
        Assert.Equal(UserId, diagnosis.UserId);
    }

    [Fact]
    public void Diagnose_ProvidersWithOnlyNotPulled_GivesNotPulledPerProviderAndNoPullData()
    {
        // Arrange
        var pulls = User().NotPulled("oura", "sleep", "hrv").NotPulled("fitbit", "sleep").Build();

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        Assert.Equal(
            [(FindingCodes.NoPullData, null), (FindingCodes.ResourcesNotPulled, "fitbit"), (FindingCodes.ResourcesNotPulled, "oura")],
            diagnosis.Findings.Select(f => (f.Code, f.Provider)));
        var noData = diagnosis.Single(FindingCodes.NoPullData);
        Assert.Contains("connected to Fitbit and Oura, but Vital pulled no resource", noData.Explanation, StringComparison.Ordinal);
        Assert.Contains("See the not-pulled findings", noData.Action, StringComparison.Ordinal);
        Assert.Equal("No historical pulls, 3 resources not pulled", diagnosis.Headline);
        Assert.All(diagnosis.Providers, p => Assert.Null(p.WorstStatus));
        Assert.All(diagnosis.Providers, p => Assert.Empty(p.Resources));
    }

    [Fact]
    public void Diagnose_ProviderWithNothingAtAll_IsNoPullDataSayingItMayNotBeScheduledYet()
    {
        // Arrange
        var pulls = User().Empty("oura").Build();

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal(FindingCodes.NoPullData, finding.Code);
        Assert.Contains("Vital lists Oura for this user, but no pulled resource", finding.Explanation, StringComparison.Ordinal);
        var provider = Assert.Single(diagnosis.Providers);
        Assert.Null(provider.WorstStatus);
        Assert.Empty(provider.NotPulled);
    }

    [Fact]
    public void Diagnose_NotPulled_OneFindingPerProviderWithSortedDistinctResources()
    {
        // Arrange
        var pulls = User()
            .Pulled("oura", "sleep", Healthy())
            .NotPulled("oura", "stress_level", "blood_oxygen", "stress_level")
            .Build();

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        var finding = diagnosis.Single(FindingCodes.ResourcesNotPulled);
        Assert.Equal("oura", finding.Provider);
        Assert.Null(finding.Resource);
        Assert.Equal(["blood_oxygen", "stress_level"], finding.Evidence.Resources);
        Assert.Equal("2 Oura resources not pulled", finding.Title);
        Assert.Contains("Oura did not pull blood oxygen and stress level", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("did not grant permission", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Vital added these resource types after the user connected", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Ask the user to reconnect Oura and grant access to blood oxygen and stress level", finding.Action, StringComparison.Ordinal);
        Assert.Equal(["blood_oxygen", "stress_level"], Assert.Single(diagnosis.Providers).NotPulled);
        Assert.Equal("2 resources not pulled", diagnosis.Headline);
    }

    [Fact]
    public void Diagnose_OneResourceNotPulled_NamesItInTheTitle()
    {
        // Arrange
        var pulls = User().Pulled("fitbit", "sleep", Healthy()).NotPulled("fitbit", "blood_oxygen").Build();

        // Act
        var finding = Diagnose(pulls).Single(FindingCodes.ResourcesNotPulled);

        // Assert
        Assert.Equal("Fitbit blood oxygen not pulled", finding.Title);
        Assert.Contains("permission for it", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("this resource type", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_SeveralProviders_SortsProvidersResourcesAndFindingsDeterministically()
    {
        // Arrange: inserted out of order on purpose.
        var pulls = User()
            .Pulled("whoop", "workouts", InProgress(TimeSpan.FromHours(1)))
            .Pulled("whoop", "sleep", Failed("unexpected_error"))
            .Pulled("oura", "sleep", Success(0))
            .Pulled("oura", "activity", Retrying("provider_unavailable"))
            .NotPulled("oura", "hrv")
            .Pulled("fitbit", "sleep", Failed(status: "error"))
            .Pulled("fitbit", "activity", Healthy())
            .Pulled("acme_ring", "aura_score", Healthy() with { Status = new PullStatus("paused") })
            .Build();

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        Assert.Equal(["acme_ring", "fitbit", "oura", "whoop"], diagnosis.Providers.Select(p => p.Provider));
        Assert.Equal(["activity", "sleep"], diagnosis.Providers[1].Resources.Select(r => r.Resource));
        Assert.Equal(["activity", "sleep"], diagnosis.Providers[2].Resources.Select(r => r.Resource));
        Assert.Equal(["sleep", "workouts"], diagnosis.Providers[3].Resources.Select(r => r.Resource));
        Assert.Equal(["paused", "error", "retrying", "failure"], diagnosis.Providers.Select(p => p.WorstStatus?.Value));
        Assert.Equal(
            [
                (Severity.Critical, "fitbit", "sleep", FindingCodes.PullFailed),
                (Severity.Critical, "whoop", "sleep", FindingCodes.PullFailed),
                (Severity.Warning, "acme_ring", "aura_score", FindingCodes.UnknownStatus),
                (Severity.Warning, "oura", null, FindingCodes.ResourcesNotPulled),
                (Severity.Warning, "oura", "activity", FindingCodes.PullRetrying),
                (Severity.Warning, "oura", "sleep", FindingCodes.PullNoData),
                (Severity.Info, "whoop", "workouts", FindingCodes.PullInProgress),
            ],
            diagnosis.Findings.Select(f => (f.Severity, f.Provider, f.Resource, f.Code)));
        Assert.Equal(Severity.Critical, diagnosis.Overall);
        Assert.Equal("2 failed pulls, 1 retrying, 1 without data, 1 with an unknown status, 1 resource not pulled", diagnosis.Headline);
        Assert.Equal([Severity.Warning, Severity.Critical, Severity.Warning, Severity.Critical], diagnosis.Providers.Select(p => p.Severity));
    }

    [Fact]
    public void Diagnose_SameInputInAnotherOrder_GivesTheSameResult()
    {
        // Arrange
        var a = User().Pulled("oura", "sleep", Failed()).Pulled("garmin", "sleep", Success(0)).Pulled("oura", "hrv", Success(3)).Build();
        var b = User().Pulled("garmin", "sleep", Success(0)).Pulled("oura", "hrv", Success(3)).Pulled("oura", "sleep", Failed()).Build();

        // Act
        var first = System.Text.Json.JsonSerializer.Serialize(Diagnose(a));
        var second = System.Text.Json.JsonSerializer.Serialize(Diagnose(b));

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Diagnose_TwoFindingsOnOnePull_OrderBySeverityAndResourceSeverityIsTheWorst()
    {
        // Arrange: failed, and it ended before it started.
        var pull = Failed("unexpected_error").WithTimeline(AsOf.AddHours(-2), AsOf.AddHours(-1), AsOf.AddHours(-1.5));

        // Act
        var diagnosis = Diagnose(pull);

        // Assert
        Assert.Equal([FindingCodes.PullFailed, FindingCodes.TimelineAnomaly], diagnosis.Codes());
        var resource = Assert.Single(Assert.Single(diagnosis.Providers).Resources);
        Assert.Equal(Severity.Critical, resource.Severity);
        Assert.Equal([FindingCodes.PullFailed, FindingCodes.TimelineAnomaly], resource.FindingCodes);
    }

    public static TheoryData<string, Severity> OverallCases => new()
    {
        { "healthy", Severity.Ok },
        { "in progress", Severity.Info },
        { "low coverage", Severity.Info },
        { "in progress and retrying", Severity.Warning },
        { "retrying and failed", Severity.Critical },
    };

    private static readonly Dictionary<string, Func<UserHistoricalPulls>> Users = new()
    {
        ["healthy"] = () => User().Pulled("oura", "sleep", Healthy()).Build(),
        ["in progress"] = () => User().Pulled("oura", "sleep", InProgress(TimeSpan.FromHours(1))).Build(),
        ["low coverage"] = () => User().Pulled("oura", "sleep", Success(3)).Build(),
        ["in progress and retrying"] = () => User().Pulled("oura", "sleep", InProgress(TimeSpan.FromHours(1))).Pulled("oura", "hrv", Retrying()).Build(),
        ["retrying and failed"] = () => User().Pulled("oura", "sleep", Failed()).Pulled("oura", "hrv", Retrying()).Build(),
    };

    [Theory]
    [MemberData(nameof(OverallCases))]
    public void Diagnose_Overall_IsTheWorstFindingsSeverityOrOk(string user, Severity overall)
    {
        // Act
        var diagnosis = Diagnose(Users[user]());

        // Assert
        Assert.Equal(overall, diagnosis.Overall);
        Assert.Equal(overall >= Severity.Warning, diagnosis.NeedsAttention);
    }

    [Fact]
    public void Diagnose_WithoutAsOf_UsesTheTimeProvider()
    {
        // Arrange
        var time = new FakeTimeProvider(AsOf);
        var engine = new DiagnosisEngine(new DiagnosisOptions(), time);
        var pulls = One(Scheduled(TimeSpan.FromHours(5)));

        // Act
        var before = engine.Diagnose(pulls);
        time.Advance(TimeSpan.FromHours(2));
        var after = engine.Diagnose(pulls);

        // Assert
        Assert.Equal(AsOf, before.AsOf);
        Assert.Equal([FindingCodes.PullInProgress], before.Codes());
        Assert.Equal(AsOf.AddHours(2), after.AsOf);
        Assert.Equal([FindingCodes.PullStuckScheduled], after.Codes());
    }

    [Fact]
    public void Diagnose_TimesWithOffsets_AreReturnedInUtc()
    {
        // Arrange
        var plusTwo = TimeSpan.FromHours(2);
        var pull = Healthy() with
        {
            RangeStart = new DateTimeOffset(2026, 6, 1, 2, 0, 0, plusTwo),
            RangeEnd = new DateTimeOffset(2026, 11, 26, 2, 0, 0, plusTwo),
        };
        pull = pull.WithTimeline(AsOf.ToOffset(plusTwo).AddHours(-3), AsOf.ToOffset(plusTwo).AddHours(-2), AsOf.ToOffset(plusTwo).AddHours(-1));

        // Act
        var diagnosis = Engine().Diagnose(One(pull), AsOf.ToOffset(plusTwo));

        // Assert
        var resource = Assert.Single(Assert.Single(diagnosis.Providers).Resources);
        Assert.Equal(TimeSpan.Zero, diagnosis.AsOf.Offset);
        Assert.All(
            new[] { resource.RangeStart, resource.RangeEnd, resource.ScheduledAt, resource.StartedAt, resource.EndedAt },
            t => Assert.Equal(TimeSpan.Zero, t!.Value.Offset));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), resource.RangeStart);
    }

    [Fact]
    public void Diagnose_Resource_CarriesWaitingRunningCoverageAndDaysInRange()
    {
        // Arrange
        var pull = Success(90, rangeDays: 180).WithTimeline(AsOf.AddHours(-3), AsOf.AddHours(-2), AsOf.AddHours(-1));

        // Act
        var resource = Assert.Single(Assert.Single(Diagnose(pull).Providers).Resources);

        // Assert
        Assert.Equal(TimeSpan.FromHours(1), resource.Waiting);
        Assert.Equal(TimeSpan.FromHours(1), resource.Running);
        Assert.Equal(180, resource.DaysInRange);
        Assert.Equal(0.5, resource.Coverage);
        Assert.Equal("Succeeded", resource.StatusDisplayName);
        Assert.Equal("sleep", resource.DisplayName);
        Assert.Equal(180, resource.DefaultWindowDays);
        Assert.False(resource.IsActive);
        Assert.Equal(AsOf.AddHours(-1), resource.LatestActivity);
    }

    [Fact]
    public void Diagnose_RunningPull_RunsUntilAsOfAndScheduledPullWaitsUntilAsOf()
    {
        // Arrange
        var pulls = User()
            .Pulled("oura", "sleep", InProgress(TimeSpan.FromHours(2)))
            .Pulled("oura", "hrv", Scheduled(TimeSpan.FromHours(3)))
            .Build();

        // Act
        var diagnosis = Diagnose(pulls);

        // Assert
        var resources = Assert.Single(diagnosis.Providers).Resources;
        Assert.Equal("hrv", resources[0].Resource);
        Assert.Equal(TimeSpan.FromHours(3), resources[0].Waiting);
        Assert.Null(resources[0].Running);
        Assert.Equal(TimeSpan.FromHours(2), resources[1].Running);
        Assert.Equal(TimeSpan.FromSeconds(3), resources[1].Waiting);
        Assert.True(diagnosis.HasActivePulls);
        Assert.Equal(2, diagnosis.PullCount);
    }

    [Fact]
    public void Diagnose_ReversedTimeline_HasNoNegativeDurations()
    {
        // Arrange
        var pull = Healthy().WithTimeline(AsOf.AddHours(-1), AsOf.AddHours(-2), AsOf.AddHours(-3));

        // Act
        var resource = Assert.Single(Assert.Single(Diagnose(pull).Providers).Resources);

        // Assert
        Assert.Null(resource.Waiting);
        Assert.Null(resource.Running);
    }

    [Fact]
    public void Diagnose_CalledFromManyThreads_GivesTheSameResult()
    {
        // Arrange
        var engine = Engine();
        var pulls = User()
            .Pulled("oura", "sleep", Failed("unexpected_error"))
            .Pulled("garmin", "sleep", SuccessEnded(0, TimeSpan.FromHours(1)))
            .NotPulled("oura", "hrv")
            .Build();
        var expected = System.Text.Json.JsonSerializer.Serialize(engine.Diagnose(pulls, AsOf));

        // Act
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = System.Text.Json.JsonSerializer.Serialize(engine.Diagnose(pulls, AsOf)));

        // Assert
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithTheKey()
    {
        // Act
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new DiagnosisEngine(new DiagnosisOptions { LowCoverageRatio = 2 }));

        // Assert
        Assert.Contains("Diagnosis:LowCoverageRatio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesTheOptions_SoLaterChangesDoNotApply()
    {
        // Arrange
        var options = new DiagnosisOptions();
        var engine = new DiagnosisEngine(options, new FakeTimeProvider(AsOf));

        // Act
        options.StuckScheduledAfter = TimeSpan.FromMinutes(1);
        var diagnosis = engine.Diagnose(One(Scheduled(TimeSpan.FromHours(1))), AsOf);

        // Assert
        Assert.Equal(TimeSpan.FromHours(6), engine.Thresholds.StuckScheduledAfter);
        Assert.Equal([FindingCodes.PullInProgress], diagnosis.Codes());
    }
}
