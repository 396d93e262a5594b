using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class UserSummaryTests
{
    [Fact]
    public void From_DiagnosisWithProblems_CountsFindingsBySeverityAndListsCodes()
    {
        // Arrange
        var diagnosis = Diagnose(User()
            .Pulled("oura", "sleep", Failed())
            .Pulled("oura", "hrv", Retrying())
            .Pulled("oura", "steps", InProgress(TimeSpan.FromHours(1)))
            .NotPulled("oura", "blood_oxygen", "stress_level")
            .Pulled("garmin", "sleep", Healthy())
            .NotPulled("polar", "sleep")
            .Build());

        // Act
        var summary = UserSummary.From(diagnosis);

        // Assert
        Assert.Equal(UserId, summary.UserId);
        Assert.Equal(Severity.Critical, summary.Overall);
        Assert.Equal(diagnosis.Headline, summary.Headline);
        Assert.Equal(1, summary.CriticalCount);
        Assert.Equal(3, summary.WarningCount);
        Assert.Equal(1, summary.InfoCount);
        Assert.True(summary.NeedsAttention);
        Assert.Equal(
            [FindingCodes.PullFailed, FindingCodes.ResourcesNotPulled, FindingCodes.PullRetrying, FindingCodes.PullInProgress],
            summary.FindingCodes);
        Assert.Equal(new Dictionary<string, string> { ["garmin"] = "success", ["oura"] = "failure" }, summary.WorstStatusByProvider);
        Assert.Equal(["garmin", "oura", "polar"], summary.Providers);
        Assert.Equal(["oura", "polar"], summary.ProvidersNeedingAttention);
        Assert.Equal(4, summary.PullCount);
        Assert.Equal(3, summary.NotPulledCount);
        Assert.True(summary.HasActivePulls);
        Assert.Contains(new PullKey("oura", "hrv", "retrying"), summary.Pulls);
    }

    [Fact]
    public void From_HealthyDiagnosis_DoesNotNeedAttention()
    {
        // Act
        var summary = UserSummary.From(Diagnose(One(Healthy())));

        // Assert
        Assert.Equal(Severity.Ok, summary.Overall);
        Assert.Equal(0, summary.CriticalCount + summary.WarningCount + summary.InfoCount);
        Assert.False(summary.NeedsAttention);
        Assert.Empty(summary.FindingCodes);
        Assert.False(summary.HasActivePulls);
    }

    [Fact]
    public void From_InfoOnlyDiagnosis_DoesNotNeedAttention()
    {
        // Act
        var summary = UserSummary.From(Diagnose(One(InProgress(TimeSpan.FromHours(1)))));

        // Assert
        Assert.Equal(1, summary.InfoCount);
        Assert.False(summary.NeedsAttention);
    }

    [Fact]
    public void From_Diagnosis_LatestActivityIsTheMostRecentTimelineTime()
    {
        // Arrange
        var diagnosis = Diagnose(User()
            .Pulled("oura", "sleep", Healthy().WithTimeline(AsOf.AddDays(-3), AsOf.AddDays(-3), AsOf.AddDays(-2)))
            .Pulled("oura", "hrv", Scheduled(TimeSpan.FromHours(1)))
            .Pulled("garmin", "sleep", Healthy().WithTimeline(AsOf.AddDays(-5), AsOf.AddDays(-5), AsOf.AddMinutes(-30)))
            .Build());

        // Act
        var summary = UserSummary.From(diagnosis);

        // Assert
        Assert.Equal(AsOf.AddMinutes(-30), summary.LatestActivity);
    }

    [Fact]
    public void From_UserWithoutPulls_HasNoLatestActivity()
    {
        // Act
        var summary = UserSummary.From(Diagnose(UserHistoricalPulls.Empty(UserId)));

        // Assert
        Assert.Null(summary.LatestActivity);
        Assert.Equal([FindingCodes.NoPullData], summary.FindingCodes);
        Assert.True(summary.NeedsAttention);
        Assert.Empty(summary.ProvidersNeedingAttention);
    }
}

public class TeamSummaryTests
{
    private static UserDiagnosis UserWith(string userId, Func<UserBuilder, UserBuilder> build) => Diagnose(build(User(userId)).Build());

    private static TeamSummary Team()
    {
        var team = new TeamSummary();
        team.Add(UserWith("u1", u => u.Pulled("oura", "sleep", Healthy()).Pulled("oura", "hrv", Failed())));
        team.Add(UserWith("u2", u => u.Pulled("oura", "sleep", Retrying()).Pulled("garmin", "sleep", Healthy())));
        team.Add(UserWith("u3", u => u.Pulled("garmin", "sleep", InProgress(TimeSpan.FromHours(1)))));
        team.Add(UserWith("u4", u => u));
        team.Add(UserWith("u5", u => u.Pulled("garmin", "activity", Healthy() with { Status = new PullStatus("paused") })));
        return team;
    }

    [Fact]
    public void Add_SeveralUsers_CountsPullsPerStatusProviderAndResource()
    {
        // Act
        var team = Team();

        // Assert
        Assert.Equal(5, team.Users);
        Assert.Equal(6, team.Pulls);
        Assert.Equal(
            new Dictionary<string, int> { ["success"] = 2, ["failure"] = 1, ["retrying"] = 1, ["in_progress"] = 1, ["paused"] = 1 },
            team.PullsByStatus);
        Assert.Equal(new Dictionary<string, int> { ["oura"] = 3, ["garmin"] = 3 }, team.PullsByProvider);
        Assert.Equal(new Dictionary<string, int> { ["oura"] = 2, ["garmin"] = 3 }, team.UsersByProvider);
        Assert.Equal(new Dictionary<string, int> { ["sleep"] = 4, ["hrv"] = 1, ["activity"] = 1 }, team.PullsByResource);
        Assert.Equal(1, team.PullsByKey[new PullKey("oura", "sleep", "success")]);
        Assert.Equal(1, team.PullsByKey[new PullKey("oura", "sleep", "retrying")]);
    }

    [Theory]
    [InlineData("oura", null, null, 3)]
    [InlineData("oura", "sleep", null, 2)]
    [InlineData("oura", "sleep", "success", 1)]
    [InlineData(null, "sleep", "success", 2)]
    [InlineData(null, null, "failure", 1)]
    [InlineData("garmin", null, "paused", 1)]
    [InlineData(null, null, null, 6)]
    [InlineData("whoop", null, null, 0)]
    public void CountPulls_WithFilters_CountsMatchingPulls(string? provider, string? resource, string? status, int count)
    {
        // Act and assert
        Assert.Equal(count, Team().CountPulls(provider, resource, status));
    }

    [Fact]
    public void Add_SeveralUsers_ListsUsersNeedingAttentionInOrder()
    {
        // Act
        var team = Team();

        // Assert: u3 is only in progress (info), everyone else has a critical or warning finding.
        Assert.Equal(4, team.NeedsAttentionCount);
        Assert.Equal(["u1", "u2", "u4", "u5"], team.UsersNeedingAttention);
        Assert.Equal(["u1", "u2"], team.UsersNeedingAttentionFor("oura"));
        Assert.Equal(["u5"], team.UsersNeedingAttentionFor("garmin"));
        Assert.Empty(team.UsersNeedingAttentionFor("whoop"));
    }

    [Fact]
    public void Add_SeveralUsers_CountsUsersBySeverityAndFindingCode()
    {
        // Act
        var team = Team();

        // Assert
        Assert.Equal(
            new Dictionary<Severity, int> { [Severity.Critical] = 1, [Severity.Warning] = 3, [Severity.Info] = 1 },
            team.UsersBySeverity);
        Assert.Equal(1, team.UsersByFindingCode[FindingCodes.PullFailed]);
        Assert.Equal(1, team.UsersByFindingCode[FindingCodes.NoPullData]);
        Assert.Equal(1, team.UsersByFindingCode[FindingCodes.UnknownStatus]);
    }

    [Fact]
    public void Add_SameUserTwice_CountsItOnce()
    {
        // Arrange
        var team = new TeamSummary();
        var user = UserWith("u1", u => u.Pulled("oura", "sleep", Failed()));

        // Act
        var first = team.Add(user);
        var second = team.Add(UserSummary.From(user));

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, team.Users);
        Assert.Equal(1, team.Pulls);
        Assert.Equal(["u1"], team.UsersNeedingAttention);
    }

    [Fact]
    public void New_TeamSummary_IsEmpty()
    {
        // Act
        var team = new TeamSummary();

        // Assert
        Assert.Equal(0, team.Users);
        Assert.Equal(0, team.Pulls);
        Assert.Empty(team.PullsByStatus);
        Assert.Empty(team.UsersNeedingAttention);
        Assert.Equal(0, team.CountPulls());
    }
}
