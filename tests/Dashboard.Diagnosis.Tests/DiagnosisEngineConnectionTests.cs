using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

/// <summary>The connection rules: a broken, paused or unknown connection, and permissions the user denied.</summary>
public class DiagnosisEngineConnectionTests
{
    private static readonly DateTimeOffset ErroredAt = AsOf.AddDays(-2);

    private static UserDiagnosis Broken(string type, string? message = "The token was revoked.", string provider = "oura") =>
        new SourcesBuilder()
            .Connection(provider, "error", new ConnectionError { Type = new ConnectionErrorType(type), Message = message, ErroredAt = ErroredAt })
            .Pulled(provider, "sleep", Healthy())
            .Diagnose();

    [Fact]
    public void Diagnose_ConnectionError_IsCriticalWithTheErrorAsEvidence()
    {
        // Act
        var diagnosis = Broken("token_refresh_failed");

        // Assert
        var finding = diagnosis.Single(FindingCodes.ConnectionError);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(Severity.Critical, diagnosis.Overall);
        Assert.Equal("oura", finding.Provider);
        Assert.Null(finding.Resource);
        Assert.Equal(ConnectionStatus.Error, finding.Evidence.ConnectionStatus);
        Assert.Equal(ConnectionErrorType.TokenRefreshFailed, finding.Evidence.ErrorType);
        Assert.Equal("The token was revoked.", finding.Evidence.ErrorMessage);
        Assert.Equal(ErroredAt, finding.Evidence.ErroredAt);
        Assert.Contains("since 2026-11-24 10:00 UTC", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("The token was revoked.", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token_refresh_failed", "access revoked or expired", "reconnect Oura")]
    [InlineData("deregistered_per_provider", "de-registered by Oura", "reconnect Oura")]
    [InlineData("required_scopes_not_granted", "permissions missing", "grant every permission")]
    [InlineData("provider_credential_error", "credentials rejected", "update their Oura password")]
    [InlineData("provider_password_expired", "password expired", "update their Oura password")]
    [InlineData("webhook_registration_failed", "(webhook_registration_failed)", "Escalate to Vital support")]
    [InlineData("user_not_found", "(user_not_found)", "Escalate to Vital support")]
    [InlineData("unknown", "(unknown)", "Escalate to Vital support")]
    public void Diagnose_ConnectionError_TitleAndActionFollowTheErrorType(string type, string inTitle, string inAction)
    {
        // Act
        var finding = Broken(type).Single(FindingCodes.ConnectionError);

        // Assert
        Assert.Contains(inTitle, finding.Title, StringComparison.Ordinal);
        Assert.Contains(inAction, finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_ConnectionErrorEscalated_NamesUserProviderMessageAndTime()
    {
        // Act
        var finding = Broken("webhook_registration_failed", "hook refused").Single(FindingCodes.ConnectionError);

        // Assert
        Assert.Contains(UserId, finding.Action, StringComparison.Ordinal);
        Assert.Contains("oura", finding.Action, StringComparison.Ordinal);
        Assert.Contains("error message", finding.Action, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 10:00 UTC", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_ConnectionErrorOfANewType_ShowsItVerbatimAndEscalates()
    {
        // Act
        var finding = Broken("quota_exceeded_v2").Single(FindingCodes.ConnectionError);

        // Assert
        Assert.Contains("quota_exceeded_v2", finding.Title, StringComparison.Ordinal);
        Assert.Contains("'quota_exceeded_v2', which this dashboard does not know yet", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Escalate to Vital support", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_ConnectionErrorWithoutDetails_StillSaysItIsBroken()
    {
        // Arrange
        var sources = new SourcesBuilder().Connection("oura", "error").Build();

        // Act
        var finding = Engine().Diagnose(sources, AsOf).Single(FindingCodes.ConnectionError);

        // Assert
        Assert.Equal("Oura connection broken", finding.Title);
        Assert.Contains("Vital gave no reason.", finding.Explanation, StringComparison.Ordinal);
        Assert.Null(finding.Evidence.ErrorType);
    }

    [Fact]
    public void Diagnose_GarminConnectionError_SaysReconnectingDoesNotRerunTheBackfill()
    {
        // Act
        var finding = Broken("token_refresh_failed", provider: "garmin").Single(FindingCodes.ConnectionError);

        // Assert
        Assert.StartsWith("Ask the user to reconnect Garmin in your app. Reconnecting Garmin does not re-run the historical pull", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_LibreViewConnectionError_ExplainsThePasswordRotation()
    {
        // Act
        var finding = Broken("provider_password_expired", provider: "abbott_libreview").Single(FindingCodes.ConnectionError);

        // Assert
        Assert.Contains("LibreView passwords rotate", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(ProviderKnowledge.ConnectionNote("abbott_libreview"), finding.Evidence.ProviderNote);
    }

    [Fact]
    public void Diagnose_PausedConnection_IsAWarningAboutTheIngestionWindow()
    {
        // Act
        var diagnosis = new SourcesBuilder().Connection("fitbit", "paused").Pulled("fitbit", "sleep", Healthy()).Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.ConnectionPaused);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("Fitbit connection paused", finding.Title);
        Assert.Contains("7 days after the end of the user's ingestion window", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Paused, finding.Evidence.ConnectionStatus);
    }

    [Theory]
    [InlineData("suspended", "Oura connection has unknown status 'suspended'")]
    [InlineData("", "Oura connection has no status")]
    public void Diagnose_UnknownConnectionStatus_IsShownVerbatim(string status, string title)
    {
        // Act
        var diagnosis = new SourcesBuilder().Connection("oura", status).Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.UnknownConnectionStatus);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(title, finding.Title);
        Assert.Equal(status, Assert.Single(diagnosis.Connections).Status.Value);
    }

    [Fact]
    public void Diagnose_ConnectedConnection_HasNoConnectionFinding()
    {
        // Act
        var diagnosis = new SourcesBuilder().Connection("oura").Pulled("oura", "sleep", Healthy()).Ongoing("oura", "sleep", TimeSpan.FromHours(5)).Diagnose();

        // Assert
        Assert.Empty(diagnosis.Findings);
        Assert.Equal(Severity.Ok, diagnosis.Overall);
        var connection = Assert.Single(diagnosis.Connections);
        Assert.Equal("oura", connection.Provider);
        Assert.Equal("ext-oura", connection.ExternalUserId);
        Assert.Empty(connection.UnavailableResources);
    }

    [Fact]
    public void Diagnose_DeniedScopes_OneFindingPerProviderWithResourcesAndScopes()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("fitbit", "connected", null, ("heartrate", ["heartrate"]), ("sleep", ["sleep", "profile"]))
            .Pulled("fitbit", "activity", Healthy())
            .Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.ScopesDenied);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(["heartrate", "sleep"], finding.Evidence.Resources);
        Assert.Equal(["heartrate", "sleep", "profile"], finding.Evidence.Scopes);
        Assert.Equal("2 Fitbit resources blocked: permissions denied", finding.Title);
        var unavailable = Assert.Single(diagnosis.Connections).UnavailableResources;
        Assert.Equal(["heartrate", "sleep"], unavailable.Select(u => u.Resource));
        Assert.Equal(["sleep", "profile"], unavailable[1].DeniedScopes);
    }

    [Fact]
    public void Diagnose_DeniedScopeOfANotPulledResource_IsNotReportedTwice()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("fitbit", "connected", null, ("sleep", ["sleep"]))
            .Pulled("fitbit", "activity", Healthy())
            .NotPulled("fitbit", "sleep")
            .Diagnose();

        // Assert
        Assert.Single(diagnosis.Findings);
        Assert.Equal(FindingCodes.ScopesDenied, diagnosis.Findings[0].Code);
        Assert.Equal(["sleep"], diagnosis.Providers[0].NotPulled);
    }

    [Fact]
    public void Diagnose_NotPulledResourceTheScopesDoNotExplain_IsStillReported()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("fitbit", "connected", null, ("sleep", ["sleep"]))
            .Pulled("fitbit", "activity", Healthy())
            .NotPulled("fitbit", "sleep", "workouts")
            .Diagnose();

        // Assert
        Assert.Equal(["workouts"], diagnosis.Single(FindingCodes.ResourcesNotPulled).Evidence.Resources);
        Assert.Single(diagnosis.Findings, f => f.Code == FindingCodes.ScopesDenied);
    }

    [Fact]
    public void Diagnose_ConnectionOnlyProvider_IsListedWithoutResources()
    {
        // Act
        var diagnosis = new SourcesBuilder().Connection("whoop_v2", "paused").Connection("oura").Pulled("oura", "sleep", Healthy()).Diagnose();

        // Assert
        Assert.Equal(["oura", "whoop_v2"], diagnosis.Providers.Select(p => p.Provider));
        Assert.Empty(diagnosis.Providers[1].Resources);
        Assert.Equal(Severity.Warning, diagnosis.Providers[1].Severity);
        Assert.Equal("whoop_v2", diagnosis.MostSevereProvider);
    }

    [Fact]
    public void Diagnose_ConnectionsNotRead_JudgesFreshnessWithoutThem()
    {
        // Act: without the connections, stale data cannot be told from a broken connection, so it is not called stale.
        var diagnosis = new SourcesBuilder()
            .ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>>.NotRead)
            .Pulled("oura", "sleep", Healthy())
            .Ongoing("oura", "sleep", TimeSpan.FromDays(10))
            .Diagnose();

        // Assert
        Assert.DoesNotContain(FindingCodes.DataStale, diagnosis.Codes());
        Assert.Empty(diagnosis.Connections);
        Assert.Equal(SourceState.NotRead, diagnosis.Sources!.Connections);
    }
}
