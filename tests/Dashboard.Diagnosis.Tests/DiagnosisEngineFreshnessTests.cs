using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

/// <summary>The ongoing-data rules: stale data, an SDK provider's normal delay, a failed last attempt.</summary>
public class DiagnosisEngineFreshnessTests
{
    private static SourcesBuilder Connected(string provider = "oura") => new SourcesBuilder().Connection(provider);

    [Fact]
    public void Diagnose_NewestDataOlderThanTheLimit_IsStale()
    {
        // Act
        var diagnosis = Connected().Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", TimeSpan.FromDays(4)).Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.DataStale);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("oura", finding.Provider);
        Assert.Equal("Oura data stopped arriving 4 days ago", finding.Title);
        Assert.Equal(["sleep"], finding.Evidence.Resources);
        Assert.Equal(AsOf.AddDays(-4), finding.Evidence.NewestData);
        Assert.Equal(72, finding.Evidence.StaleAfterHours);
        Assert.Contains(UserId, finding.Action, StringComparison.Ordinal);
        Assert.True(diagnosis.Providers[0].Resources[0].Freshness!.Stale);
    }

    [Fact]
    public void Diagnose_NewestDataWithinTheLimit_IsNotStale()
    {
        // Act
        var diagnosis = Connected().Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", TimeSpan.FromDays(2)).Diagnose();

        // Assert
        Assert.Empty(diagnosis.Findings);
        var freshness = diagnosis.Providers[0].Resources[0].Freshness!;
        Assert.False(freshness.Stale);
        Assert.Equal(AsOf.AddDays(-2), freshness.NewestData);
        Assert.Equal(AsOf.AddDays(-200), freshness.OldestData);
        Assert.Equal(AttemptStatus.Success, freshness.LastAttemptStatus);
        Assert.Equal(42, freshness.SentCount);
    }

    [Fact]
    public void Diagnose_StaleResources_OneFindingPerProviderNamingEach()
    {
        // Act
        var diagnosis = Connected()
            .Pulled("oura", "sleep", Healthy())
            .Ongoing("oura", "sleep", TimeSpan.FromDays(5))
            .Ongoing("oura", "heartrate", TimeSpan.FromDays(9))
            .Ongoing("oura", "activity", TimeSpan.FromHours(3))
            .Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.DataStale);
        Assert.Equal(["heartrate", "sleep"], finding.Evidence.Resources!.Order(StringComparer.Ordinal));
        Assert.Equal(AsOf.AddDays(-5), finding.Evidence.NewestData);
    }

    [Fact]
    public void Diagnose_StaleAfterByProvider_OverridesTheDefaultForThatProvider()
    {
        // Arrange
        var options = new DiagnosisOptions { StaleAfterByProvider = new() { ["oura"] = TimeSpan.FromDays(1) } };

        // Act
        var oura = Connected().Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", TimeSpan.FromDays(2)).Diagnose(options);
        var fitbit = Connected("fitbit").Pulled("fitbit", "sleep", Healthy()).Ongoing("fitbit", "sleep", TimeSpan.FromDays(2)).Diagnose(options);

        // Assert
        Assert.Equal(24, oura.Single(FindingCodes.DataStale).Evidence.StaleAfterHours);
        Assert.Empty(fitbit.Findings);
    }

    [Fact]
    public void Diagnose_StaleDataBehindAFailedPull_IsLeftToThePullFinding()
    {
        // Act
        var diagnosis = Connected().Pulled("oura", "sleep", Failed()).Ongoing("oura", "sleep", TimeSpan.FromDays(10)).Diagnose();

        // Assert
        Assert.Equal([FindingCodes.PullFailed], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_StaleResourceNeverPulled_IsStaleAndListedWithoutAPull()
    {
        // Act
        var diagnosis = Connected().Pulled("oura", "sleep", Healthy()).Ongoing("oura", "heartrate", TimeSpan.FromDays(6)).Diagnose();

        // Assert
        Assert.Equal(["heartrate"], diagnosis.Single(FindingCodes.DataStale).Evidence.Resources);
        var heartrate = diagnosis.Providers[0].Resources.Single(r => r.Resource == "heartrate");
        Assert.False(heartrate.HasPull);
        Assert.Null(heartrate.Status);
        Assert.Equal("No historical pull", heartrate.StatusDisplayName);
        Assert.Equal(1, diagnosis.PullCount);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("paused")]
    [InlineData("revoked_for_good")]
    public void Diagnose_StaleDataOnAConnectionThatIsNotConnected_IsLeftToTheConnectionFinding(string status)
    {
        // Act
        var diagnosis = new SourcesBuilder().Connection("oura", status).Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", TimeSpan.FromDays(10)).Diagnose();

        // Assert
        Assert.DoesNotContain(FindingCodes.DataStale, diagnosis.Codes());
        Assert.Single(diagnosis.Findings);
    }

    [Fact]
    public void Diagnose_NoNewestData_IsNotStale()
    {
        // Act
        var diagnosis = Connected().Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", newestAgo: null).Diagnose();

        // Assert
        Assert.Empty(diagnosis.Findings);
    }

    [Theory]
    [InlineData("apple_health_kit")]
    [InlineData("health_connect")]
    [InlineData("samsung_health")]
    public void Diagnose_SdkProviderHoursBehind_IsANormalDelay(string provider)
    {
        // Act
        var diagnosis = Connected(provider).Pulled(provider, "steps", Healthy()).Ongoing(provider, "steps", TimeSpan.FromHours(20)).Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.DataDelayNormal);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(AsOf.AddHours(-20), finding.Evidence.NewestData);
        Assert.Equal(ProviderKnowledge.DelayNote(provider), finding.Evidence.ProviderNote);
        Assert.Contains("20 hours behind", finding.Title, StringComparison.Ordinal);
        Assert.False(diagnosis.NeedsAttention);
    }

    [Fact]
    public void Diagnose_SdkProviderDaysBehind_IsStaleNotDelayed()
    {
        // Act
        var diagnosis = Connected("apple_health_kit").Ongoing("apple_health_kit", "steps", TimeSpan.FromDays(4)).Diagnose();

        // Assert
        Assert.DoesNotContain(FindingCodes.DataDelayNormal, diagnosis.Codes());
        Assert.Contains("open your app on their phone", diagnosis.Single(FindingCodes.DataStale).Action, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Diagnose_SdkProviderWithinTwelveHours_SaysNothing(int hours)
    {
        // Act
        var diagnosis = Connected("apple_health_kit").Ongoing("apple_health_kit", "steps", TimeSpan.FromHours(hours)).Diagnose();

        // Assert
        Assert.DoesNotContain(FindingCodes.DataDelayNormal, diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_CloudProviderHoursBehind_SaysNothing()
    {
        // Act
        var diagnosis = Connected("oura").Ongoing("oura", "sleep", TimeSpan.FromHours(20)).Diagnose();

        // Assert
        Assert.DoesNotContain(FindingCodes.DataDelayNormal, diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_LastAttemptFailed_IsAWarningWithTheAttemptTime()
    {
        // Act
        var diagnosis = Connected()
            .Pulled("oura", "sleep", Healthy())
            .Ongoing("oura", "sleep", TimeSpan.FromHours(5), attempt: "failure", attemptAgo: TimeSpan.FromHours(1))
            .Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.LastAttemptFailed);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(["sleep"], finding.Evidence.Resources);
        Assert.Equal(AsOf.AddHours(-1), finding.Evidence.LastAttemptAt);
        Assert.Equal("Vital's last read of Oura sleep failed", finding.Title);
    }

    [Fact]
    public void Diagnose_LastAttemptFailedOnABrokenConnection_IsLeftToTheConnectionFinding()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("oura", "error", new ConnectionError { Type = ConnectionErrorType.TokenRefreshFailed })
            .Pulled("oura", "sleep", Healthy())
            .Ongoing("oura", "sleep", TimeSpan.FromHours(5), attempt: "failure")
            .Diagnose();

        // Assert
        Assert.Equal([FindingCodes.ConnectionError], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_LastAttemptOfUnknownStatus_IsNotCalledAFailure()
    {
        // Act
        var diagnosis = Connected().Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", TimeSpan.FromHours(5), attempt: "partial").Diagnose();

        // Assert
        Assert.Empty(diagnosis.Findings);
        Assert.Equal("partial", diagnosis.Providers[0].Resources[0].Freshness!.LastAttemptStatus!.Value.Value);
    }

    [Fact]
    public void Diagnose_OngoingDataNotRead_LeavesFreshnessEmpty()
    {
        // Act
        var diagnosis = Connected()
            .Pulled("oura", "sleep", Healthy())
            .ResourcesRead(SourceRead<UserResources>.NotRead)
            .Diagnose();

        // Assert
        Assert.Null(diagnosis.Providers[0].Resources[0].Freshness);
        Assert.Empty(diagnosis.Findings);
    }
}
