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
        Assert.Equal(["userId", "asOf", "overall", "headline", "providers", "findings", "link"], Names(json));

        var provider = json.GetProperty("providers")[0];
        Assert.Equal(["provider", "worstStatus", "resources", "notPulled"], Names(provider));

        var resource = provider.GetProperty("resources")[0];
        Assert.Equal(
            ["resource", "status", "rangeStart", "rangeEnd", "daysWithData", "scheduledAt", "startedAt", "endedAt", "release", "traceId", "errorDetails"],
            Names(resource));

        var finding = json.GetProperty("findings")[0];
        Assert.Equal(["code", "severity", "provider", "resource", "title", "explanation", "action", "evidence"], Names(finding));
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
        Assert.Equal(["userId", "asOf", "overall", "headline", "providers", "findings", "link"], Names(json));
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
