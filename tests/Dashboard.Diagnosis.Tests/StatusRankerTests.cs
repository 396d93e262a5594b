using Vital.Introspection;

namespace Dashboard.Diagnosis.Tests;

public class StatusRankerTests
{
    private static PullStatus[] Statuses(params string[] values) => [.. values.Select(PullStatus.From)];

    [Fact]
    public void WorstFirst_AllKindsOfStatus_SortsFailuresThenUnknownThenRetryingScheduledInProgressSuccess()
    {
        // Arrange
        var statuses = Statuses("success", "in_progress", "scheduled", "paused", "retrying", "error", "failure");

        // Act
        var sorted = statuses.Order(StatusRanker.WorstFirst).Select(s => s.Value).ToArray();

        // Assert
        Assert.Equal(["failure", "error", "paused", "retrying", "scheduled", "in_progress", "success"], sorted);
    }

    public static TheoryData<string[], string?> WorstCases => new()
    {
        { ["success", "failure"], "failure" },
        { ["success", "error"], "error" },
        { ["error", "failure"], "failure" },
        { ["success", "paused"], "paused" },
        { ["failure", "paused"], "failure" },
        { ["retrying", "scheduled", "in_progress"], "retrying" },
        { ["in_progress", "scheduled"], "scheduled" },
        { ["success", "in_progress"], "in_progress" },
        { ["success"], "success" },
        { ["success", ""], "" },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(WorstCases))]
    public void Worst_Statuses_IsTheWorstByRank(string[] statuses, string? worst)
    {
        // Act and assert
        Assert.Equal(worst, StatusRanker.Worst(Statuses(statuses))?.Value);
    }

    [Theory]
    [InlineData("error", "failure", "failure")]
    [InlineData("failure", "error", "failure")]
    [InlineData("paused", "on_hold", "on_hold")]
    [InlineData("on_hold", "paused", "on_hold")]
    [InlineData("retrying", "failure", "failure")]
    [InlineData("failure", "retrying", "failure")]
    public void Worse_TwoStatuses_TheFirstInWorstFirstsOrderWhicheverCameFirst(string current, string candidate, string worse)
    {
        // Act and assert
        Assert.Equal(worse, StatusRanker.Worse(new PullStatus(current), new PullStatus(candidate)).Value);
    }

    [Theory]
    [InlineData("failure", "Failed")]
    [InlineData("error", "Failed (legacy 'error')")]
    [InlineData("retrying", "Retrying")]
    [InlineData("scheduled", "Scheduled")]
    [InlineData("in_progress", "In progress")]
    [InlineData("success", "Succeeded")]
    [InlineData("paused", "Unknown: paused")]
    [InlineData("SUCCESS", "Unknown: SUCCESS")]
    [InlineData("", "Unknown: (no status)")]
    public void DisplayName_Status_IsPlainLanguageOrUnknownVerbatim(string status, string name)
    {
        // Act and assert
        Assert.Equal(name, StatusRanker.DisplayName(new PullStatus(status)));
    }

    [Fact]
    public void Known_CoversEveryDocumentedStatusAndTheLegacyError()
    {
        // Assert
        Assert.All(PullStatus.Documented, s => Assert.Contains(s, StatusRanker.Known));
        Assert.Contains(PullStatus.Error, StatusRanker.Known);
        var ranks = StatusRanker.Known.Select(StatusRanker.Rank).ToArray();
        Assert.Equal(ranks.OrderDescending(), ranks);
    }

    [Theory]
    [InlineData("failure", true)]
    [InlineData("error", true)]
    [InlineData("retrying", true)]
    [InlineData("paused", true)]
    [InlineData("scheduled", false)]
    [InlineData("in_progress", false)]
    [InlineData("success", false)]
    public void IsProblem_ByStatusAlone_FailuresRetriesAndUnknownValues(string status, bool problem)
    {
        // Act and assert
        Assert.Equal(problem, StatusRanker.IsProblem(new PullStatus(status)));
    }

    [Fact]
    public void Rank_NoStatus_RanksAsAnUnknownOne()
    {
        // Act and assert
        Assert.Equal(StatusRanker.Rank(new PullStatus("paused")), StatusRanker.Rank((PullStatus?)null));
    }
}
