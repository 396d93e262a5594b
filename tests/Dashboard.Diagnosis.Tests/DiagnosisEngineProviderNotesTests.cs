using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineProviderNotesTests
{
    [Fact]
    public void Diagnose_FreshGarminSuccessWithoutData_SaysTheDataMayStillBeArriving()
    {
        // Arrange
        var pull = SuccessEnded(0, TimeSpan.FromHours(2));

        // Act
        var diagnosis = Diagnose(pull, "garmin", "sleep");

        // Assert
        var finding = diagnosis.Single(FindingCodes.PullNoData);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("Garmin reports a historical pull complete straight away and sends the data afterwards", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("this one ended 2 hours ago", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("expected at first", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Check again later", finding.Action, StringComparison.Ordinal);
        Assert.Equal([finding.Evidence.ProviderNote!], Assert.Single(Assert.Single(diagnosis.Providers).Resources).Notes);
    }

    [Fact]
    public void Diagnose_OldGarminSuccessWithoutData_SaysTheDataIsProbablyNotComing()
    {
        // Arrange
        var pull = SuccessEnded(0, TimeSpan.FromDays(5));

        // Act
        var finding = Diagnose(pull, "garmin", "sleep").Single(FindingCodes.PullNoData);

        // Assert
        Assert.Contains("this one ended 5 days ago, longer than the 2 days", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("probably not coming by itself", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Ask the user whether their Garmin account holds sleep data", finding.Action, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(48 * 3600, true)]
    [InlineData(48 * 3600 + 1, false)]
    public void Diagnose_GarminSuccessWithoutData_IsFreshUpToTheGraceAndNotAfter(int secondsSinceEnded, bool fresh)
    {
        // Arrange
        var pull = SuccessEnded(0, TimeSpan.FromSeconds(secondsSinceEnded));

        // Act
        var finding = Diagnose(pull, "garmin", "sleep").Single(FindingCodes.PullNoData);

        // Assert
        Assert.Equal(fresh, finding.Action.StartsWith("Check again later", StringComparison.Ordinal));
        Assert.Equal(fresh, finding.Evidence.ProviderNote!.Contains("expected at first", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnose_FreshGarminSuccessWithFewDays_IsLowCoverageWithTheGarminNote()
    {
        // Arrange
        var pull = SuccessEnded(3, TimeSpan.FromMinutes(30), rangeDays: 90);

        // Act
        var finding = Diagnose(pull, "garmin", "activity").Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.Contains("expected at first", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Equal("Check again later: Garmin's data may still be on its way.", finding.Action);
    }

    [Fact]
    public void Diagnose_GarminSuccessWithoutEndTime_SaysDataMayStillBeArrivingAndFlagsTheTimeline()
    {
        // Arrange
        var pull = Success(0).WithTimeline(AsOf.AddHours(-1), AsOf.AddHours(-1), null);

        // Act
        var diagnosis = Diagnose(pull, "garmin", "sleep");

        // Assert
        Assert.Equal([FindingCodes.PullNoData, FindingCodes.TimelineAnomaly], diagnosis.Codes());
        Assert.Contains("may still be arriving", diagnosis.Single(FindingCodes.PullNoData).Evidence.ProviderNote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dexcom")]
    [InlineData("dexcom_v3")]
    public void Diagnose_DexcomWithOneDay_NotesThatG6AndOlderKeepOneDay(string provider)
    {
        // Arrange
        var pull = Success(1, rangeDays: 30);

        // Act
        var finding = Diagnose(pull, provider, "glucose").Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.Contains("If the user's Dexcom", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("is a G6 or older, it keeps only one day of history", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("which Dexcom model they use", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_DexcomWithoutData_NotesTheOneDayAndTheThirtyDayWindow()
    {
        // Act
        var finding = Diagnose(Success(0, rangeDays: 30), "dexcom_v3", "glucose").Single(FindingCodes.PullNoData);

        // Assert
        Assert.Contains("G6 or older", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("only the last 30 days of Dexcom (v3)", finding.Evidence.ProviderNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_DexcomWithFewButSeveralDays_HasNoDexcomNote()
    {
        // Act
        var finding = Diagnose(Success(5, rangeDays: 30), "dexcom", "glucose").Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.DoesNotContain("G6", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.DoesNotContain("Dexcom model", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_StravaWithFewDaysInItsShortWindow_NotesTheFourteenDayDefault()
    {
        // Act
        var finding = Diagnose(Success(3, rangeDays: 14), "strava", "workouts").Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.Equal(
            "Vital pulls only the last 14 days of Strava by default (a team can configure up to 365), so a small number of days with data is normal here.",
            finding.Evidence.ProviderNote);
        Assert.EndsWith(finding.Evidence.ProviderNote!, finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_StravaWithARangeLongerThanItsDefault_HasNoShortWindowNote()
    {
        // Arrange: the team configured a year, so the default window explains nothing.
        var pull = Success(3, rangeDays: 365);

        // Act
        var finding = Diagnose(pull, "strava", "workouts").Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.Null(finding.Evidence.ProviderNote);
    }

    [Fact]
    public void Diagnose_FitbitActivity_NotesItsOwnFourteenDayWindow()
    {
        // Act
        var finding = Diagnose(Success(0, rangeDays: 14), "fitbit", "activity").Single(FindingCodes.PullNoData);

        // Assert
        Assert.Contains("only the last 14 days of Fitbit activity by default", finding.Evidence.ProviderNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_FitbitSleep_HasNoShortWindowNote()
    {
        // Act
        var finding = Diagnose(Success(10, rangeDays: 90), "fitbit", "sleep").Single(FindingCodes.PullLowCoverage);

        // Assert
        Assert.Null(finding.Evidence.ProviderNote);
    }

    [Fact]
    public void Diagnose_SuccessWithEnoughData_HasNoNotesEvenForShortWindowProviders()
    {
        // Act
        var diagnosis = Diagnose(Success(12, rangeDays: 14), "strava", "workouts");

        // Assert
        Assert.Empty(diagnosis.Findings);
        var resource = Assert.Single(Assert.Single(diagnosis.Providers).Resources);
        Assert.Empty(resource.Notes);
        Assert.Equal(14, resource.DefaultWindowDays);
    }

    [Fact]
    public void Diagnose_GarminResourcesNotPulled_NotesThatReconnectingNeedsADeregistrationFirst()
    {
        // Arrange
        var pulls = User().Pulled("garmin", "sleep", Healthy()).NotPulled("garmin", "hrv").Build();

        // Act
        var finding = Diagnose(pulls).Single(FindingCodes.ResourcesNotPulled);

        // Assert
        Assert.Contains("does not re-run the historical pull unless the user is deregistered first", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.StartsWith("Have the user's Garmin connection removed (deregistered) first", finding.Action, StringComparison.Ordinal);
        Assert.EndsWith("connect Garmin again and grant access to HRV.", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_OuraResourcesNotPulled_SaysReconnectingReRunsThePull()
    {
        // Arrange
        var pulls = User().Pulled("oura", "sleep", Healthy()).NotPulled("oura", "hrv").Build();

        // Act
        var finding = Diagnose(pulls).Single(FindingCodes.ResourcesNotPulled);

        // Assert
        Assert.Null(finding.Evidence.ProviderNote);
        Assert.Equal("Ask the user to reconnect Oura and grant access to HRV; reconnecting also re-runs the historical pull.", finding.Action);
    }
}
