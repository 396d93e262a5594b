using System.Text.Json;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

/// <summary>The diagnosis JSON must be exactly the shape docs/ARCHITECTURE.md fixes: scripts and tickets depend on it.</summary>
public class DiagnosisJsonTests
{
    private static readonly JsonSerializerOptions Web = DiagnosisJson.Options;

    private static UserDiagnosis Sample() => Diagnose(
        User()
            .Pulled("oura", "sleep", Healthy())
            .Pulled("oura", "workouts", Failed("retry_quota_exhausted"))
            .NotPulled("oura", "blood_oxygen")
            .Build()) with
    { Link = $"https://dashboard.example/users/{UserId}" };

    private static JsonElement Serialize(object value, JsonSerializerOptions? options = null) =>
        JsonDocument.Parse(JsonSerializer.Serialize(value, options ?? Web)).RootElement;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Serialize_UserDiagnosis_HasExactlyTheDocumentedPropertyNames()
    {
        // Act
        var json = Serialize(Sample());

        // Assert
        Assert.Equal(["userId", "clientUserId", "teamId", "environment", "region", "asOf", "overall", "headline", "providers", "findings", "user", "connections", "sources", "link"], Names(json));

        var provider = json.GetProperty("providers")[0];
        Assert.Equal(["provider", "worstStatus", "resources", "notPulled"], Names(provider));

        var resource = provider.GetProperty("resources")[0];
        Assert.Equal(
            ["resource", "status", "rangeStart", "rangeEnd", "daysWithData", "scheduledAt", "startedAt", "endedAt", "release", "traceId", "errorDetails", "freshness"],
            Names(resource));

        var finding = json.GetProperty("findings")[0];
        Assert.Equal(["code", "severity", "provider", "resource", "title", "explanation", "action", "evidence"], Names(finding));
    }

    private static UserDiagnosis Whole() => new SourcesBuilder()
        .User(u => u with { CreatedOn = AsOf.AddDays(-30), IngestionStart = new DateOnly(2026, 1, 1), ConnectedSources = [new Vital.Introspection.ConnectedSource { Provider = new("fitbit"), CreatedOn = AsOf.AddDays(-29) }] })
        .Connection("fitbit", "error", new Vital.Introspection.ConnectionError { Type = Vital.Introspection.ConnectionErrorType.TokenRefreshFailed, Message = "revoked", ErroredAt = AsOf.AddDays(-1) }, ("sleep", ["sleep"]))
        .Pulled("fitbit", "activity", Healthy())
        .Ongoing("fitbit", "activity", TimeSpan.FromDays(1))
        .ResourcesRead(SourceRead<Vital.Introspection.UserResources>.Unavailable("Vital answered 503."))
        .Diagnose() with { Environment = "sandbox", Region = "us" };

    [Fact]
    public void Serialize_WholeDiagnosis_HasTheDocumentedNamesForEverySource()
    {
        // Act
        var json = Serialize(new SourcesBuilder()
            .User(u => u with { CreatedOn = AsOf.AddDays(-30), ConnectedSources = [new Vital.Introspection.ConnectedSource { Provider = new("fitbit"), CreatedOn = AsOf }] })
            .Connection("fitbit", "error", new Vital.Introspection.ConnectionError { Type = Vital.Introspection.ConnectionErrorType.TokenRefreshFailed, Message = "revoked", ErroredAt = AsOf }, ("sleep", ["sleep"]))
            .Pulled("fitbit", "activity", Healthy())
            .Ongoing("fitbit", "activity", TimeSpan.FromDays(1))
            .Diagnose());

        // Assert
        Assert.Equal(["createdOn", "ingestionStart", "ingestionEnd", "connectedSources"], Names(json.GetProperty("user")));
        Assert.Equal(["provider", "createdOn"], Names(json.GetProperty("user").GetProperty("connectedSources")[0]));
        var connection = json.GetProperty("connections")[0];
        Assert.Equal(["provider", "status", "errorType", "errorMessage", "erroredAt", "externalUserId", "unavailableResources", "createdOn"], Names(connection));
        Assert.Equal(["resource", "deniedScopes"], Names(connection.GetProperty("unavailableResources")[0]));
        var freshness = json.GetProperty("providers")[0].GetProperty("resources")[0].GetProperty("freshness");
        Assert.Equal(["newestData", "oldestData", "lastAttemptAt", "lastAttemptStatus", "sentCount"], Names(freshness));
        Assert.Equal(["user", "connections", "historicalPulls", "resources"], Names(json.GetProperty("sources")));
    }

    [Fact]
    public void Serialize_WholeDiagnosis_WritesTheValuesAsDocumented()
    {
        // Act
        var json = Serialize(Whole());

        // Assert
        Assert.Equal("cust-1", json.GetProperty("clientUserId").GetString());
        Assert.Equal("team-1", json.GetProperty("teamId").GetString());
        Assert.Equal("sandbox", json.GetProperty("environment").GetString());
        Assert.Equal("us", json.GetProperty("region").GetString());
        Assert.Equal("2026-10-27T10:00:00Z", json.GetProperty("user").GetProperty("createdOn").GetString());
        Assert.Equal("2026-01-01", json.GetProperty("user").GetProperty("ingestionStart").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("user").GetProperty("ingestionEnd").ValueKind);
        Assert.Equal("fitbit", json.GetProperty("user").GetProperty("connectedSources")[0].GetProperty("provider").GetString());

        var connection = json.GetProperty("connections")[0];
        Assert.Equal("fitbit", connection.GetProperty("provider").GetString());
        Assert.Equal("error", connection.GetProperty("status").GetString());
        Assert.Equal("token_refresh_failed", connection.GetProperty("errorType").GetString());
        Assert.Equal("revoked", connection.GetProperty("errorMessage").GetString());
        Assert.Equal("2026-11-25T10:00:00Z", connection.GetProperty("erroredAt").GetString());
        Assert.Equal("ext-fitbit", connection.GetProperty("externalUserId").GetString());
        Assert.Equal("sleep", connection.GetProperty("unavailableResources")[0].GetProperty("deniedScopes")[0].GetString());

        var sources = json.GetProperty("sources");
        Assert.Equal("ok", sources.GetProperty("user").GetString());
        Assert.Equal("ok", sources.GetProperty("connections").GetString());
        Assert.Equal("ok", sources.GetProperty("historicalPulls").GetString());
        Assert.Equal("unavailable", sources.GetProperty("resources").GetString());

        var unavailable = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "source_unavailable");
        Assert.Equal("resources", unavailable.GetProperty("evidence").GetProperty("source").GetString());
        Assert.Equal("Vital answered 503.", unavailable.GetProperty("evidence").GetProperty("problem").GetString());
    }

    [Fact]
    public void Serialize_Freshness_WritesUtcTimesAndTheAttemptVerbatim()
    {
        // Act
        var json = Serialize(new SourcesBuilder().Connection("oura").Ongoing("oura", "sleep", TimeSpan.FromHours(6), attempt: "partial").Diagnose());

        // Assert
        var resource = json.GetProperty("providers")[0].GetProperty("resources")[0];
        Assert.Equal(JsonValueKind.Null, resource.GetProperty("status").ValueKind);
        var freshness = resource.GetProperty("freshness");
        Assert.Equal("2026-11-26T04:00:00Z", freshness.GetProperty("newestData").GetString());
        Assert.Equal("2026-05-10T10:00:00Z", freshness.GetProperty("oldestData").GetString());
        Assert.Equal("2026-11-26T09:30:00Z", freshness.GetProperty("lastAttemptAt").GetString());
        Assert.Equal("partial", freshness.GetProperty("lastAttemptStatus").GetString());
        Assert.Equal(42, freshness.GetProperty("sentCount").GetInt32());
    }

    [Fact]
    public void Serialize_UserNotFound_WritesNotFoundAndNoUser()
    {
        // Act
        var json = Serialize(new SourcesBuilder().UserRead(SourceRead<Vital.Introspection.VitalUser>.NotFound).Diagnose());

        // Assert
        Assert.Equal("not_found", json.GetProperty("sources").GetProperty("user").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("user").ValueKind);
        Assert.Equal("user_not_found", json.GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Deserialize_WholeDiagnosis_RoundTrips()
    {
        // Arrange
        var json = JsonSerializer.Serialize(Whole(), Web);

        // Act
        var copy = JsonSerializer.Deserialize<UserDiagnosis>(json, Web)!;

        // Assert
        Assert.Equal(json, JsonSerializer.Serialize(copy, Web));
    }

    [Fact]
    public void Serialize_UserDiagnosis_WritesTheValuesAsDocumented()
    {
        // Act
        var json = Serialize(Sample());

        // Assert
        Assert.Equal(UserId, json.GetProperty("userId").GetString());
        Assert.Equal("2026-11-26T10:00:00Z", json.GetProperty("asOf").GetString());
        Assert.Equal("critical", json.GetProperty("overall").GetString());
        Assert.Equal("1 failed pull, 1 resource not pulled", json.GetProperty("headline").GetString());
        Assert.Equal($"https://dashboard.example/users/{UserId}", json.GetProperty("link").GetString());

        var provider = json.GetProperty("providers")[0];
        Assert.Equal("oura", provider.GetProperty("provider").GetString());
        Assert.Equal("failure", provider.GetProperty("worstStatus").GetString());
        Assert.Equal("blood_oxygen", provider.GetProperty("notPulled")[0].GetString());

        var sleep = provider.GetProperty("resources")[0];
        Assert.Equal("sleep", sleep.GetProperty("resource").GetString());
        Assert.Equal("success", sleep.GetProperty("status").GetString());
        Assert.Equal(171, sleep.GetProperty("daysWithData").GetInt32());
        Assert.Equal("2026-05-30T00:00:00Z", sleep.GetProperty("rangeStart").GetString());
        Assert.Equal("2026-11-26T07:02:00Z", sleep.GetProperty("endedAt").GetString());
        Assert.Equal(TraceId, sleep.GetProperty("traceId").GetString());
        Assert.Equal(JsonValueKind.Null, sleep.GetProperty("errorDetails").ValueKind);

        var failed = json.GetProperty("findings")[0];
        Assert.Equal("pull_failed", failed.GetProperty("code").GetString());
        Assert.Equal("critical", failed.GetProperty("severity").GetString());
        Assert.Equal("workouts", failed.GetProperty("resource").GetString());
        Assert.Equal(TraceId, failed.GetProperty("evidence").GetProperty("traceId").GetString());
        Assert.Equal("retry_quota_exhausted", failed.GetProperty("evidence").GetProperty("errorDetails").GetString());

        var notPulled = json.GetProperty("findings")[1];
        Assert.Equal("resources_not_pulled", notPulled.GetProperty("code").GetString());
        Assert.Equal("warning", notPulled.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, notPulled.GetProperty("resource").ValueKind);
    }

    [Fact]
    public void Serialize_UserDiagnosisWithoutLink_WritesLinkAsNull()
    {
        // Act
        var json = Serialize(Diagnose(One(Healthy())));

        // Assert
        Assert.Equal(JsonValueKind.Null, json.GetProperty("link").ValueKind);
        Assert.Equal("ok", json.GetProperty("overall").GetString());
    }

    [Fact]
    public void Serialize_Evidence_LeavesOutMembersThatDoNotApply()
    {
        // Arrange
        var finding = Sample().Single(FindingCodes.ResourcesNotPulled);

        // Act
        var evidence = Serialize(finding).GetProperty("evidence");

        // Assert
        Assert.Equal(["resources"], Names(evidence));
        Assert.Equal("blood_oxygen", evidence.GetProperty("resources")[0].GetString());
    }

    [Fact]
    public void Serialize_EvidenceOfAStuckPull_UsesCamelCaseNamesAndUtcTimes()
    {
        // Arrange
        var finding = Diagnose(Scheduled(TimeSpan.FromHours(8))).Single(FindingCodes.PullStuckScheduled);

        // Act
        var evidence = Serialize(finding.Evidence);

        // Assert
        Assert.Equal(["status", "scheduledAt", "release", "hoursWaiting", "thresholdHours"], Names(evidence));
        Assert.Equal("2026-11-26T02:00:00Z", evidence.GetProperty("scheduledAt").GetString());
        Assert.Equal(8, evidence.GetProperty("hoursWaiting").GetDouble());
    }

    [Fact]
    public void Serialize_EmptyEvidence_IsAnEmptyObject()
    {
        // Act
        var json = JsonSerializer.Serialize(FindingEvidence.None, Web);

        // Assert
        Assert.Equal("{}", json);
    }

    [Theory]
    [InlineData(Severity.Ok, "ok")]
    [InlineData(Severity.Info, "info")]
    [InlineData(Severity.Warning, "warning")]
    [InlineData(Severity.Critical, "critical")]
    public void Serialize_Severity_IsALowerCaseString(Severity severity, string expected)
    {
        // Act
        var web = JsonSerializer.Serialize(severity, Web);
        var plain = JsonSerializer.Serialize(severity);

        // Assert
        Assert.Equal($"\"{expected}\"", web);
        Assert.Equal($"\"{expected}\"", plain);
        Assert.Equal(expected, severity.ToWireName());
        Assert.Equal(severity, JsonSerializer.Deserialize<Severity>($"\"{expected}\"", Web));
    }

    [Fact]
    public void Serialize_WithDefaultOptions_KeepsTheDocumentedNames()
    {
        // Act: no naming policy at all; the names are pinned on the records.
        var json = Serialize(Sample(), JsonSerializerOptions.Default);

        // Assert
        Assert.Equal(["userId", "clientUserId", "teamId", "environment", "region", "asOf", "overall", "headline", "providers", "findings", "user", "connections", "sources", "link"], Names(json));
    }

    [Fact]
    public void Deserialize_SerializedDiagnosis_RoundTripsTheDocumentedMembers()
    {
        // Arrange
        var original = Sample();
        var json = JsonSerializer.Serialize(original, Web);

        // Act
        var copy = JsonSerializer.Deserialize<UserDiagnosis>(json, Web)!;

        // Assert
        Assert.Equal(json, JsonSerializer.Serialize(copy, Web));
        Assert.Equal(original.AsOf, copy.AsOf);
        Assert.Equal(original.Overall, copy.Overall);
        Assert.Equal(original.Findings[0].Evidence.TraceId, copy.Findings[0].Evidence.TraceId);
    }
}
