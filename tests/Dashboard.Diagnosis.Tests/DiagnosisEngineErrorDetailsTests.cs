using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineErrorDetailsTests
{
    // error_details, a phrase of its meaning, and the phrase that classifies it on a FAILED pull.
    public static TheoryData<string?, string, string> FailedCases => new()
    {
        { "provider_rate_limit_exceeded", "Oura limited how many requests Vital may send it", "normally a temporary problem" },
        { "provider_unavailable", "Oura's service was down or not answering", "normally a temporary problem" },
        { "transport_failure", "the network connection between Vital and Oura failed", "normally a temporary problem" },
        { "resource_contention", "resource contention", "normally a temporary problem" },
        { "non_retriable_error", "an error that retrying cannot fix", "permanent error" },
        { "unexpected_error", "an error Vital did not expect", "permanent error" },
        { "retry_quota_exhausted", "Vital retried as many times as it allows and then gave up", "permanent error" },
        { null, "Vital gave no reason", "connections made since May 2025" },
        { "quantum_flux", "'quantum_flux', a value this dashboard does not know", "Vital has probably added something new" },
    };

    [Theory]
    [MemberData(nameof(FailedCases))]
    public void Diagnose_FailedPullWithErrorDetails_ExplainsTheValue(string? errorDetails, string meaning, string kind)
    {
        // Act
        var finding = Diagnose(Failed(errorDetails)).Single(FindingCodes.PullFailed);

        // Assert
        Assert.Contains(meaning, finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(kind, finding.Explanation, StringComparison.Ordinal);
        if (errorDetails is not null)
        {
            Assert.Contains(errorDetails, finding.Explanation, StringComparison.Ordinal);
        }

        Assert.Equal(errorDetails, finding.Evidence.ErrorDetails);
        Assert.Contains("will not arrive on its own", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("non_retriable_error")]
    [InlineData("unexpected_error")]
    [InlineData("retry_quota_exhausted")]
    [InlineData(null)]
    [InlineData("quantum_flux")]
    public void Diagnose_FailedPullThatReconnectingCannotFix_EscalatesWithTraceIdReleaseAndConnections(string? errorDetails)
    {
        // Act
        var finding = Diagnose(Failed(errorDetails)).Single(FindingCodes.PullFailed);

        // Assert
        Assert.Equal(
            $"Escalate to Vital support with the trace id {TraceId} and release {Release}, together with the user's provider connections (Vital asks for those first).",
            finding.Action);
    }

    [Theory]
    [InlineData("provider_rate_limit_exceeded")]
    [InlineData("provider_unavailable")]
    [InlineData("transport_failure")]
    [InlineData("resource_contention")]
    public void Diagnose_FailedPullWithRetriableDetails_AsksToReconnectThenEscalate(string errorDetails)
    {
        // Act
        var finding = Diagnose(Failed(errorDetails)).Single(FindingCodes.PullFailed);

        // Assert
        Assert.StartsWith("Ask the user to reconnect Oura", finding.Action, StringComparison.Ordinal);
        Assert.Contains($"If it fails again, escalate to Vital support with the trace id {TraceId} and release {Release}", finding.Action, StringComparison.Ordinal);
        Assert.Null(finding.Evidence.ProviderNote);
    }

    [Fact]
    public void Diagnose_GarminFailedWithRetriableDetails_EscalatesBecauseReconnectingDoesNotRerunTheBackfill()
    {
        // Act
        var finding = Diagnose(Failed("provider_unavailable"), "garmin", "sleep").Single(FindingCodes.PullFailed);

        // Assert
        Assert.StartsWith("Escalate to Vital support", finding.Action, StringComparison.Ordinal);
        Assert.Contains("deregistered first", finding.Evidence.ProviderNote, StringComparison.Ordinal);
        Assert.Contains("deregistered first", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_FailedPullWithoutTraceId_ToldWhatToGiveVitalInstead()
    {
        // Arrange
        var pull = Failed("unexpected_error") with { TraceId = null };

        // Act
        var finding = Diagnose(pull).Single(FindingCodes.PullFailed);

        // Assert
        Assert.Contains(
            $"the user id {UserId}, provider oura, resource sleep and the time it was scheduled (2026-11-26 07:00 UTC), release {Release} (Vital sent no trace id for this pull)",
            finding.Action,
            StringComparison.Ordinal);
        Assert.Null(finding.Evidence.TraceId);
    }

    [Fact]
    public void Diagnose_FailedPullWithoutRelease_NamesOnlyTheTraceId()
    {
        // Arrange
        var pull = Failed("unexpected_error") with { Release = null };

        // Act
        var finding = Diagnose(pull).Single(FindingCodes.PullFailed);

        // Assert
        Assert.Contains($"with the trace id {TraceId}, together with", finding.Action, StringComparison.Ordinal);
    }

    // error_details on a RETRYING pull: the phrase for its kind, and how the action starts.
    public static TheoryData<string?, string, string> RetryingCases => new()
    {
        { "provider_rate_limit_exceeded", "That is a temporary problem: Vital retries by itself", "Nothing to do yet" },
        { "provider_unavailable", "That is a temporary problem: Vital retries by itself", "Nothing to do yet" },
        { "transport_failure", "That is a temporary problem: Vital retries by itself", "Nothing to do yet" },
        { "resource_contention", "That is a temporary problem: Vital retries by itself", "Nothing to do yet" },
        { "non_retriable_error", "will most likely end in a failed pull", "Escalate to Vital support now" },
        { "unexpected_error", "will most likely end in a failed pull", "Escalate to Vital support now" },
        { "retry_quota_exhausted", "will most likely end in a failed pull", "Escalate to Vital support now" },
        { null, "Vital gave no reason: error details exist only on connections made since May 2025", "Nothing to do yet" },
        { "quantum_flux", "'quantum_flux', a value this dashboard does not know", "Nothing to do yet" },
    };

    [Theory]
    [MemberData(nameof(RetryingCases))]
    public void Diagnose_RetryingPullWithErrorDetails_ExplainsTheValueAndWhenToEscalate(string? errorDetails, string explanation, string action)
    {
        // Act
        var finding = Diagnose(Retrying(errorDetails)).Single(FindingCodes.PullRetrying);

        // Assert
        Assert.Equal("Oura sleep pull is retrying", finding.Title);
        Assert.Contains(explanation, finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith(action, finding.Action, StringComparison.Ordinal);
        Assert.Contains($"trace id {TraceId}", finding.Action, StringComparison.Ordinal);
        Assert.Equal(errorDetails, finding.Evidence.ErrorDetails);
        Assert.Equal(1, finding.Evidence.HoursRunning);
    }

    [Fact]
    public void Diagnose_RetryingWithRetriableDetails_SaysHowLongBeforeEscalating()
    {
        // Act
        var finding = Diagnose(Retrying("transport_failure")).Single(FindingCodes.PullRetrying);

        // Assert
        Assert.Contains("it started 1 hour ago", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("If it is still retrying 1 day after it started, or it turns into a failed pull, escalate", finding.Action, StringComparison.Ordinal);
    }
}
