using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

/// <summary>The headline when more than the historical pulls were read: support's order, one provider named, several counted.</summary>
public class DiagnosisEngineWholeHeadlineTests
{
    [Fact]
    public void Headline_UserNotFound_SaysOnlyThat()
    {
        // Act
        var diagnosis = new SourcesBuilder().UserRead(SourceRead<VitalUser>.NotFound).Diagnose();

        // Assert
        Assert.Equal("User not found", diagnosis.Headline);
    }

    [Fact]
    public void Headline_NoConnections_LeadsWithIt()
    {
        // Act
        var diagnosis = new SourcesBuilder().Diagnose();

        // Assert
        Assert.Equal("No connected source, No historical pulls", diagnosis.Headline);
    }

    [Fact]
    public void Headline_OneBrokenConnection_NamesTheProviderBeforeThePulls()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("fitbit", "error", new ConnectionError { Type = ConnectionErrorType.TokenRefreshFailed })
            .Connection("oura")
            .Pulled("fitbit", "sleep", Healthy())
            .Pulled("oura", "sleep", Failed())
            .Diagnose();

        // Assert
        Assert.Equal("Fitbit connection error, 1 failed pull", diagnosis.Headline);
    }

    [Fact]
    public void Headline_TwoBrokenConnections_CountsThem()
    {
        // Act
        var diagnosis = new SourcesBuilder().Connection("fitbit", "error").Connection("oura", "error").Pulled("oura", "sleep", Healthy()).Diagnose();

        // Assert
        Assert.Equal("2 connection errors", diagnosis.Headline);
    }

    [Fact]
    public void Headline_StaleDataAndDeniedScopes_CountsBoth()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("oura", "connected", null, ("heartrate", ["heartrate"]))
            .Pulled("oura", "sleep", Healthy())
            .Ongoing("oura", "sleep", TimeSpan.FromDays(5))
            .Diagnose();

        // Assert
        Assert.Equal("1 resource blocked by denied permissions, Oura data stale", diagnosis.Headline);
    }

    [Fact]
    public void Headline_OnlyANormalDelay_SaysSoCalmly()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("apple_health_kit")
            .Pulled("apple_health_kit", "steps", Healthy())
            .Ongoing("apple_health_kit", "steps", TimeSpan.FromHours(20))
            .Diagnose();

        // Assert
        Assert.Equal("Apple HealthKit data hours behind (normal)", diagnosis.Headline);
    }

    [Fact]
    public void Headline_SourceUnavailable_SaysTheAnswerIsPartial()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("oura")
            .Pulled("oura", "sleep", Healthy())
            .ResourcesRead(SourceRead<UserResources>.Unavailable("503"))
            .Diagnose();

        // Assert
        Assert.Equal("1 source unreadable", diagnosis.Headline);
    }
}
