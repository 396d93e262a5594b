using Vital.Introspection;

namespace Dashboard.Diagnosis.Tests;

/// <summary>
/// Diagnoses the upstream payloads kept in <c>../shared/vital/examples</c> (read where they are, never copied).
/// Skipped with a reason when that folder is absent (a fresh clone), failed instead when <c>CI=true</c>.
/// </summary>
public class ExampleFilesTests
{
    private static readonly DateTimeOffset SameDay = new(2025, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static UserHistoricalPulls LoadSingleUser(string fileName)
    {
        var path = Path.Combine(SharedFolder(), "vital", "examples", fileName);
        var page = HistoricalPullParser.Parse(File.ReadAllBytes(path));
        return Assert.Single(page.Users);
    }

    private static string SharedFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        var shared = directory is null ? null : Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
        if (shared is not null && Directory.Exists(shared))
        {
            return shared;
        }

        var reason = $"The shared folder ../shared beside the project root was not found (looked up from {AppContext.BaseDirectory}); it holds Vital's example payloads.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI=true, so this is a failure, not a skip.");
        }

        Assert.Skip(reason);
        return null!;
    }

    [Fact]
    public void Diagnose_AllStatusesExample_GivesTheExpectedFindingsInOrder()
    {
        // Arrange
        var pulls = LoadSingleUser("all-statuses.json");

        // Act
        var diagnosis = TestData.Engine().Diagnose(pulls, SameDay);

        // Assert
        Assert.Equal("7aec8422-8174-4464-a4b2-b04c5939be0d", diagnosis.UserId);
        Assert.Equal(Severity.Critical, diagnosis.Overall);
        Assert.Equal("2 failed pulls, 1 retrying, 2 resources not pulled", diagnosis.Headline);
        Assert.Equal(
            [
                (FindingCodes.PullFailed, "garmin", "sleep"),
                (FindingCodes.PullFailed, "oura", "workouts"),
                (FindingCodes.ResourcesNotPulled, "oura", null),
                (FindingCodes.PullRetrying, "oura", "activity"),
                (FindingCodes.PullInProgress, "oura", "heartrate"),
                (FindingCodes.PullInProgress, "oura", "hrv"),
            ],
            diagnosis.Findings.Select(f => (f.Code, f.Provider, f.Resource)));
        Assert.Equal(["garmin", "oura"], diagnosis.Providers.Select(p => p.Provider));
        Assert.Equal(["error", "failure"], diagnosis.Providers.Select(p => p.WorstStatus?.Value));
        Assert.Equal(["activity", "heartrate", "hrv", "sleep", "workouts"], diagnosis.Providers[1].Resources.Select(r => r.Resource));
        Assert.Equal(["blood_oxygen", "stress_level"], diagnosis.Providers[1].NotPulled);
    }

    [Fact]
    public void Diagnose_AllStatusesExample_ExplainsEachErrorDetailAndTheLegacyStatus()
    {
        // Arrange
        var pulls = LoadSingleUser("all-statuses.json");

        // Act
        var findings = TestData.Engine().Diagnose(pulls, SameDay).Findings;

        // Assert
        var garmin = findings[0];
        Assert.Contains("older name Vital used for a failed pull", garmin.Explanation, StringComparison.Ordinal);
        Assert.Contains("Vital gave no reason", garmin.Explanation, StringComparison.Ordinal);
        Assert.Contains("0af7651916cd43dd8448eb211c80319c", garmin.Action, StringComparison.Ordinal);
        Assert.Contains("0.0.0-dev.dea056a", garmin.Action, StringComparison.Ordinal);

        var workouts = findings[1];
        Assert.Contains("retry_quota_exhausted", workouts.Explanation, StringComparison.Ordinal);
        Assert.Contains("permanent error", workouts.Explanation, StringComparison.Ordinal);

        var activity = findings[3];
        Assert.Contains("provider_rate_limit_exceeded", activity.Explanation, StringComparison.Ordinal);
        Assert.Contains("Vital retries by itself", activity.Explanation, StringComparison.Ordinal);
        Assert.Equal(2, activity.Evidence.HoursRunning);
    }

    [Fact]
    public void Diagnose_AllStatusesExampleADayLater_FindsTheActivePullsStuck()
    {
        // Arrange
        var pulls = LoadSingleUser("all-statuses.json");

        // Act
        var diagnosis = TestData.Engine().Diagnose(pulls, SameDay.AddDays(1));

        // Assert
        Assert.Equal("2 failed pulls, 1 retrying, 2 stuck, 2 resources not pulled", diagnosis.Headline);
        Assert.Equal(FindingCodes.PullStuckInProgress, diagnosis.Findings.Single(f => f.Resource == "heartrate").Code);
        Assert.Equal(FindingCodes.PullStuckScheduled, diagnosis.Findings.Single(f => f.Resource == "hrv").Code);
        Assert.Contains("longer than the 1 day this dashboard allows", diagnosis.Findings.Single(f => f.Resource == "activity").Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_OfficialExample_ReportsTheRetryAndTheMissingPermission()
    {
        // Arrange: Vital's own example; the user id is an empty string there.
        var pulls = LoadSingleUser("official-example.json");

        // Act
        var diagnosis = TestData.Engine().Diagnose(pulls, new DateTimeOffset(2023, 10, 24, 14, 0, 0, TimeSpan.Zero));

        // Assert
        Assert.Equal(string.Empty, diagnosis.UserId);
        Assert.Equal(Severity.Warning, diagnosis.Overall);
        Assert.Equal("1 pull retrying, 1 resource not pulled", diagnosis.Headline);
        Assert.Equal(
            [(FindingCodes.ResourcesNotPulled, "fitbit", null), (FindingCodes.PullRetrying, "fitbit", "sleep")],
            diagnosis.Findings.Select(f => (f.Code, f.Provider, f.Resource)));
        Assert.Equal("Fitbit blood oxygen not pulled", diagnosis.Findings[0].Title);
        Assert.Equal("retrying", Assert.Single(diagnosis.Providers).WorstStatus?.Value);
    }
}
