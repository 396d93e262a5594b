using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

/// <summary>The user as a whole and the sources: an unknown user, nothing connected, the ingestion window, a source that failed.</summary>
public class DiagnosisEngineSourcesTests
{
    [Fact]
    public void Diagnose_UserNotFound_IsCriticalAndReplacesNoPullData()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .UserRead(SourceRead<VitalUser>.NotFound)
            .ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>>.NotFound)
            .Diagnose();

        // Assert
        Assert.Equal([FindingCodes.UserNotFound], diagnosis.Codes());
        Assert.Equal(Severity.Critical, diagnosis.Overall);
        Assert.Equal(SourceState.NotFound, diagnosis.Sources!.User);
        Assert.Null(diagnosis.User);
        Assert.Null(diagnosis.ClientUserId);
        Assert.Contains(UserId, diagnosis.Findings[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("sandbox or production", diagnosis.Findings[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_UserWithoutConnections_SaysSoAndThatNoPullExists()
    {
        // Act
        var diagnosis = new SourcesBuilder().Diagnose();

        // Assert
        Assert.Equal([FindingCodes.NoConnections, FindingCodes.NoPullData], diagnosis.Codes());
        Assert.Equal(Severity.Warning, diagnosis.Overall);
        Assert.Contains("connections above", diagnosis.Single(FindingCodes.NoPullData).Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_UserRead_CarriesTheClientIdTeamAndProfile()
    {
        // Arrange
        var created = AsOf.AddDays(-30);

        // Act
        var diagnosis = new SourcesBuilder()
            .User(u => u with
            {
                CreatedOn = created,
                IngestionStart = new DateOnly(2026, 1, 1),
                ConnectedSources = [new ConnectedSource { Provider = new ProviderSlug("oura"), CreatedOn = created.AddDays(1) }],
            })
            .Connection("oura")
            .Pulled("oura", "sleep", Healthy())
            .Diagnose();

        // Assert
        Assert.Equal("cust-1", diagnosis.ClientUserId);
        Assert.Equal("team-1", diagnosis.TeamId);
        Assert.Equal(created, diagnosis.User!.CreatedOn);
        Assert.Equal(new DateOnly(2026, 1, 1), diagnosis.User.IngestionStart);
        Assert.Null(diagnosis.User.IngestionEnd);
        Assert.Equal("oura", Assert.Single(diagnosis.User.ConnectedSources).Provider);
        Assert.Empty(diagnosis.Findings);
    }

    [Fact]
    public void Diagnose_IngestionEndPast_IsOutsideTheBounds()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .User(u => u with { IngestionStart = new DateOnly(2026, 1, 1), IngestionEnd = new DateOnly(2026, 11, 1) })
            .Connection("oura", "paused")
            .Pulled("oura", "sleep", Healthy())
            .Diagnose();

        // Assert
        var finding = diagnosis.Single(FindingCodes.OutsideIngestionBounds);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("Outside the ingestion window: it ended", finding.Title);
        Assert.Contains("ingestion window from 2026-01-01 to 2026-11-01.", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 1), finding.Evidence.IngestionEnd);
        Assert.Equal([FindingCodes.ConnectionPaused, FindingCodes.OutsideIngestionBounds], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_IngestionStartAhead_IsOutsideTheBounds()
    {
        // Act
        var finding = new SourcesBuilder()
            .User(u => u with { IngestionStart = new DateOnly(2027, 1, 1) })
            .Diagnose()
            .Single(FindingCodes.OutsideIngestionBounds);

        // Assert
        Assert.Equal("Outside the ingestion window: not started", finding.Title);
        Assert.Contains("ingestion window to start on 2027-01-01.", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2026, 11, 26)]
    [InlineData(2026, 12, 31)]
    public void Diagnose_IngestionEndTodayOrLater_IsWithinTheBounds(int year, int month, int day)
    {
        // Act
        var diagnosis = new SourcesBuilder().User(u => u with { IngestionEnd = new DateOnly(year, month, day) }).Connection("oura").Pulled("oura", "sleep", Healthy()).Diagnose();

        // Assert
        Assert.Empty(diagnosis.Findings);
    }

    [Fact]
    public void Diagnose_ConnectionsUnavailable_IsPartialWithTheRestStillDiagnosed()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .User(u => u with { ConnectedSources = [new ConnectedSource { Provider = new ProviderSlug("oura") }] })
            .ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>>.Unavailable("Vital answered 503."))
            .Pulled("oura", "sleep", Failed())
            .Diagnose();

        // Assert
        Assert.Equal([FindingCodes.PullFailed, FindingCodes.SourceUnavailable], diagnosis.Codes());
        var finding = diagnosis.Single(FindingCodes.SourceUnavailable);
        Assert.Equal("connections", finding.Evidence.Source);
        Assert.Equal("Vital answered 503.", finding.Evidence.Problem);
        Assert.Equal("Could not read the user's connections", finding.Title);
        Assert.Equal(SourceState.Unavailable, diagnosis.Sources!.Connections);
        Assert.Equal(SourceState.Ok, diagnosis.Sources.HistoricalPulls);
    }

    [Fact]
    public void Diagnose_ConnectionsUnavailableAndTheUserListsNone_FallsBackToTheUsersWord()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>>.Unavailable("Vital answered 503."))
            .Diagnose();

        // Assert
        Assert.Contains(FindingCodes.NoConnections, diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_PullsUnavailable_DoesNotClaimThereAreNone()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("oura")
            .PullsRead(SourceRead<UserHistoricalPulls>.Unavailable("Timed out."))
            .Ongoing("oura", "sleep", TimeSpan.FromHours(4))
            .Diagnose();

        // Assert
        Assert.Equal([FindingCodes.SourceUnavailable], diagnosis.Codes());
        Assert.Equal("historicalPulls", diagnosis.Findings[0].Evidence.Source);
        Assert.Equal("sleep", Assert.Single(diagnosis.Providers[0].Resources).Resource);
    }

    [Fact]
    public void Diagnose_EverySourceUnavailable_OneFindingEachInSupportsOrder()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .UserRead(SourceRead<VitalUser>.Unavailable("a"))
            .ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>>.Unavailable("b"))
            .PullsRead(SourceRead<UserHistoricalPulls>.Unavailable("c"))
            .ResourcesRead(SourceRead<UserResources>.Unavailable("d"))
            .Diagnose();

        // Assert
        Assert.Equal(["user", "connections", "historicalPulls", "resources"], diagnosis.Findings.Select(f => f.Evidence.Source));
        Assert.DoesNotContain(FindingCodes.NoConnections, diagnosis.Codes());
        Assert.Empty(diagnosis.Providers);
    }

    [Fact]
    public void Diagnose_FindingsOfOneSeverity_FollowSupportsReadingOrder()
    {
        // Act: a warning from each source; the user first, then connections, pulls, ongoing data.
        var diagnosis = new SourcesBuilder()
            .ConnectionsRead(SourceRead<IReadOnlyList<ProviderConnection>>.Ok([
                new ProviderConnection { Provider = new ProviderSlug("apple_health_kit"), Status = ConnectionStatus.Paused },
                new ProviderConnection { Provider = new ProviderSlug("oura"), Status = ConnectionStatus.Connected },
            ]))
            .ResourcesRead(SourceRead<UserResources>.Unavailable("x"))
            .Pulled("apple_health_kit", "steps", Retrying())
            .Diagnose();

        // Assert
        Assert.Equal([FindingCodes.SourceUnavailable, FindingCodes.ConnectionPaused, FindingCodes.PullRetrying], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_CriticalFromALaterSource_StillComesFirst()
    {
        // Act
        var diagnosis = new SourcesBuilder()
            .Connection("oura", "paused")
            .Pulled("oura", "sleep", Failed())
            .Diagnose();

        // Assert
        Assert.Equal([FindingCodes.PullFailed, FindingCodes.ConnectionPaused], diagnosis.Codes());
    }

    [Fact]
    public void Diagnose_PullsAlone_MarksTheOtherSourcesNotRead()
    {
        // Act
        var diagnosis = Diagnose(Healthy());

        // Assert
        Assert.Equal(SourceState.NotRead, diagnosis.Sources!.User);
        Assert.Equal(SourceState.NotRead, diagnosis.Sources.Connections);
        Assert.Equal(SourceState.Ok, diagnosis.Sources.HistoricalPulls);
        Assert.Equal(SourceState.NotRead, diagnosis.Sources.Resources);
    }
}
