namespace Dashboard.Diagnosis.Tests;

public class StatusOrderTests
{
    [Fact]
    public void WorstFirst_AllKindsOfStatus_SortsFailuresThenUnknownThenRetryingScheduledInProgressSuccess()
    {
        // Arrange
        string[] statuses = ["success", "in_progress", "scheduled", "paused", "retrying", "error", "failure"];

        // Act
        var sorted = statuses.Order(StatusOrder.WorstFirst).ToArray();

        // Assert
        Assert.Equal(["error", "failure", "paused", "retrying", "scheduled", "in_progress", "success"], sorted);
    }

    public static TheoryData<string[], string?> WorstCases => new()
    {
        { ["success", "failure"], "failure" },
        { ["success", "error"], "error" },
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
        Assert.Equal(worst, StatusOrder.Worst(statuses));
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
        Assert.Equal(name, StatusOrder.DisplayName(status));
        Assert.Equal(name, StatusOrder.DisplayName(new Vital.Introspection.PullStatus(status)));
    }

    [Fact]
    public void Known_CoversEveryDocumentedStatusAndTheLegacyError()
    {
        // Assert
        Assert.All(Vital.Introspection.PullStatus.Documented, s => Assert.Contains(s.Value, StatusOrder.Known));
        Assert.Contains("error", StatusOrder.Known);
        var ranks = StatusOrder.Known.Select(s => StatusOrder.Rank(s)).ToArray();
        Assert.Equal(ranks.OrderDescending(), ranks);
    }
}
