using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Api;

/// <summary><c>/api/users/{userId}/diagnosis</c> in demo mode, against the simulated team's scenario users.</summary>
public sealed class DiagnosisJsonTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Scenario, the finding codes it must give (sorted), and the overall severity.</summary>
    public static TheoryData<string, string[], string> Scenarios()
    {
        var data = new TheoryData<string, string[], string>();
        foreach (var failed in ScenarioNames.All.Where(n => n.StartsWith("failed_", StringComparison.Ordinal)))
        {
            data.Add(failed, ["pull_failed"], "critical");
        }

        data.Add(ScenarioNames.LegacyError, ["pull_failed"], "critical");
        foreach (var retrying in ScenarioNames.All.Where(n => n.StartsWith("retrying_", StringComparison.Ordinal)))
        {
            data.Add(retrying, ["pull_retrying"], "warning");
        }

        data.Add(ScenarioNames.StuckScheduled, ["pull_stuck_scheduled"], "warning");
        data.Add(ScenarioNames.StuckInProgress, ["pull_stuck_in_progress"], "warning");
        data.Add(ScenarioNames.ScheduledRecent, ["pull_in_progress"], "info");
        data.Add(ScenarioNames.InProgressRecent, ["pull_in_progress"], "info");
        data.Add(ScenarioNames.SuccessNoData, ["pull_no_data"], "warning");
        data.Add(ScenarioNames.LowCoverage, ["pull_low_coverage"], "info");
        data.Add(ScenarioNames.NotPulled, ["resources_not_pulled"], "warning");
        data.Add(ScenarioNames.NotPulledOnly, ["no_pull_data", "resources_not_pulled"], "warning");
        data.Add(ScenarioNames.NoPulls, ["no_pull_data"], "warning");
        data.Add(ScenarioNames.UnknownStatus, ["unknown_status"], "warning");
        data.Add(ScenarioNames.TimelineOutOfOrder, ["timeline_anomaly"], "info");
        data.Add(ScenarioNames.SuccessWithoutEndedAt, ["timeline_anomaly"], "info");
        data.Add(ScenarioNames.UnknownProvider, [], "ok");
        data.Add(ScenarioNames.Healthy, [], "ok");

        // The whole diagnosis: the user, the connections and the ongoing data.
        data.Add(ScenarioNames.RevokedToken, ["connection_error"], "critical");
        data.Add(ScenarioNames.PasswordExpired, ["connection_error"], "critical");
        data.Add(ScenarioNames.UnknownErrorType, ["connection_error"], "critical");
        data.Add(ScenarioNames.ConnectionPaused, ["connection_paused", "outside_ingestion_bounds"], "warning");
        data.Add(ScenarioNames.UnknownConnectionStatus, ["unknown_connection_status"], "warning");
        data.Add(ScenarioNames.ScopesDenied, ["scopes_denied"], "warning");
        data.Add(ScenarioNames.StaleData, ["data_stale"], "warning");
        data.Add(ScenarioNames.HealthKitDelay, ["data_delay_normal"], "info");
        data.Add(ScenarioNames.LastAttemptFailed, ["last_attempt_failed"], "warning");
        data.Add(ScenarioNames.NoConnections, ["no_connections", "no_pull_data"], "warning");
        data.Add(ScenarioNames.FutureIngestionStart, ["outside_ingestion_bounds", "pull_no_data"], "warning");
        data.Add(ScenarioNames.PastIngestionEnd, ["outside_ingestion_bounds"], "info");
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Diagnosis_SimulatedScenario_GivesTheFindingTablesCodesAndSeverity(string scenario, string[] codes, string overall)
    {
        var userId = dashboard.UserOf(scenario);

        var root = await GetDiagnosisAsync(userId);

        Assert.Equal(codes, DiagnosisShape.Findings(root).Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.All(DiagnosisShape.Findings(root), f => Assert.Equal(DiagnosisShape.SeverityOf[f.Code], f.Severity));
        Assert.Equal(overall, root.GetProperty("overall").GetString());

        // A pull's finding names the scenario's provider (listed first) and a resource it pulled with the evidence's trace id.
        foreach (var finding in DiagnosisShape.Array(root, "findings").Where(f => f.GetProperty("resource").ValueKind == JsonValueKind.String))
        {
            Assert.Equal(dashboard.Simulator.Team.ProvidersOf(userId)[0], finding.GetProperty("provider").GetString());
            var resource = Resource(root, finding.GetProperty("provider").GetString()!, finding.GetProperty("resource").GetString()!);
            if (finding.GetProperty("evidence").TryGetProperty("traceId", out var trace))
            {
                Assert.Equal(resource.GetProperty("traceId").GetString(), trace.GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(FailedAndRetrying))]
    public async Task Diagnosis_FailedOrRetryingPull_CarriesTheStatusAndErrorDetailsAsEvidence(string scenario, string code, string status, string? errorDetails)
    {
        var root = await GetDiagnosisAsync(dashboard.UserOf(scenario));

        var finding = Assert.Single(DiagnosisShape.Array(root, "findings"));
        Assert.Equal(code, finding.GetProperty("code").GetString());
        var resource = Resource(root, finding.GetProperty("provider").GetString()!, finding.GetProperty("resource").GetString()!);
        Assert.Equal(status, resource.GetProperty("status").GetString());
        Assert.Equal(errorDetails, resource.GetProperty("errorDetails").GetString());
        var evidence = finding.GetProperty("evidence");
        Assert.Equal(errorDetails, evidence.TryGetProperty("errorDetails", out var details) ? details.GetString() : null);
        Assert.Matches("^[0-9a-f]{32}$", evidence.GetProperty("traceId").GetString());
    }

    public static TheoryData<string, string, string, string?> FailedAndRetrying() => new()
    {
        { "failed_retry_quota_exhausted", "pull_failed", "failure", "retry_quota_exhausted" },
        { "failed_provider_unavailable", "pull_failed", "failure", "provider_unavailable" },
        { ScenarioNames.FailedNoDetails, "pull_failed", "failure", null },
        { ScenarioNames.LegacyError, "pull_failed", "error", null },
        { "retrying_provider_unavailable", "pull_retrying", "retrying", "provider_unavailable" },
        { "retrying_provider_rate_limit_exceeded", "pull_retrying", "retrying", "provider_rate_limit_exceeded" },
    };

    [Fact]
    public async Task Diagnosis_NotPulledResources_OneProviderWideFindingListingThem()
    {
        var root = await GetDiagnosisAsync(dashboard.UserOf(ScenarioNames.NotPulled));

        var finding = Assert.Single(DiagnosisShape.Array(root, "findings"));
        Assert.Equal("resources_not_pulled", finding.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("resource").ValueKind);
        var provider = DiagnosisShape.Array(root, "providers").Single(p => p.GetProperty("provider").GetString() == finding.GetProperty("provider").GetString());
        var notPulled = DiagnosisShape.Array(provider, "notPulled").Select(n => n.GetString()).ToArray();
        Assert.NotEmpty(notPulled);
        Assert.Equal(notPulled, DiagnosisShape.Array(finding.GetProperty("evidence"), "resources").Select(r => r.GetString()));
    }

    [Fact]
    public async Task Diagnosis_UnknownStatus_ShowsTheValueVerbatim()
    {
        var root = await GetDiagnosisAsync(dashboard.UserOf(ScenarioNames.UnknownStatus));

        var finding = Assert.Single(DiagnosisShape.Array(root, "findings"));
        Assert.Equal(ScenarioNames.UnknownStatusValue, finding.GetProperty("evidence").GetProperty("status").GetString());
        Assert.Contains(ScenarioNames.UnknownStatusValue, finding.GetProperty("title").GetString() + finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var resource = Resource(root, finding.GetProperty("provider").GetString()!, finding.GetProperty("resource").GetString()!);
        Assert.Equal(ScenarioNames.UnknownStatusValue, resource.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Diagnosis_NoPullsUser_IsOkWithNoPullDataAndNoPulledResource()
    {
        var root = await GetDiagnosisAsync(dashboard.UserOf(ScenarioNames.NoPulls));

        // Connected a moment ago: the provider and what Vital lists of its ongoing data, but no pull yet.
        Assert.All(DiagnosisShape.Array(root, "providers").SelectMany(p => DiagnosisShape.Array(p, "resources")),
            r => Assert.Equal(JsonValueKind.Null, r.GetProperty("status").ValueKind));
        var finding = Assert.Single(DiagnosisShape.Array(root, "findings"));
        Assert.Equal("no_pull_data", finding.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("provider").ValueKind);
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("resource").ValueKind);
    }

    [Fact]
    public async Task Diagnosis_UnknownValidUuid_Is200WithUserNotFound()
    {
        const string unknown = "0f8fad5b-d9cb-469f-a165-70867728950e";
        Assert.DoesNotContain(unknown, dashboard.Simulator.Team.UserIds);

        var root = await GetDiagnosisAsync(unknown);

        Assert.Equal([("user_not_found", "critical")], DiagnosisShape.Findings(root));
        Assert.Equal("critical", root.GetProperty("overall").GetString());
        Assert.Equal("not_found", root.GetProperty("sources").GetProperty("user").GetString());
        Assert.Empty(DiagnosisShape.Array(root, "providers"));
    }

    [Fact]
    public async Task Diagnosis_Healthy_OverallOkWithoutFindings()
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        var root = await GetDiagnosisAsync(userId);

        Assert.Equal("ok", root.GetProperty("overall").GetString());
        Assert.Empty(DiagnosisShape.Array(root, "findings"));
        Assert.Equal(dashboard.Simulator.Team.ProvidersOf(userId).Order(StringComparer.Ordinal), DiagnosisShape.Array(root, "providers").Select(p => p.GetProperty("provider").GetString()));
        Assert.All(DiagnosisShape.Array(root, "providers"), p => Assert.Equal("success", p.GetProperty("worstStatus").GetString()));
    }

    [Fact]
    public async Task Diagnosis_AnyUser_IsTheDocumentedJsonInUtcWithTheLinkToTheUsersPage()
    {
        var userId = dashboard.UserOf("failed_retry_quota_exhausted");
        var before = DateTimeOffset.UtcNow;

        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis?refresh=true", Ct);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        DiagnosisShape.Assert(root, userId, $"http://localhost/users/{userId}");
        var asOf = ApiAssert.UtcTime(root.GetProperty("asOf").GetString());
        Assert.InRange(asOf, before.AddSeconds(-1), after.AddSeconds(1));

        // Every pull the upstream holds is there, times converted to UTC, values verbatim.
        var failed = DiagnosisShape.Array(root, "providers").SelectMany(p => DiagnosisShape.Array(p, "resources")).Single(r => r.GetProperty("status").GetString() == "failure");
        Assert.Equal("retry_quota_exhausted", failed.GetProperty("errorDetails").GetString());
        Assert.Matches(@"^0\.0\.0-dev\.[0-9a-f]{7}$", failed.GetProperty("release").GetString());
        Assert.True(ApiAssert.UtcTime(failed.GetProperty("scheduledAt").GetString()) <= ApiAssert.UtcTime(failed.GetProperty("startedAt").GetString()));
        Assert.True(ApiAssert.UtcTime(failed.GetProperty("rangeStart").GetString()) < ApiAssert.UtcTime(failed.GetProperty("rangeEnd").GetString()));
        Assert.True(ApiAssert.UtcTime(failed.GetProperty("endedAt").GetString()) <= dashboard.Simulator.Team.Epoch);
    }

    [Fact]
    public async Task Diagnosis_EveryUserOfTheTeam_HasTheDocumentedShape()
    {
        foreach (var userId in dashboard.Simulator.Team.UserIds.Take(60))
        {
            await GetDiagnosisAsync(userId);
        }
    }

    public static TheoryData<string> MalformedUserIds() =>
    [
        "nope",
        "7aec8422-8174-4464-a4b2-b04c5939be0d0",
        "7aec8422-8174-4464-a4b2-b04c5939be0d; DROP TABLE users",
        "7aec8422817444644a4b2b04c5939be0d",
        "7aec8422-8174-4464-a4b2-b04c5939be0g",
        "../etc/passwd",
        "..\\..\\windows\\win.ini",
        "<script>alert(1)</script>",
        new string('a', 5_000),
    ];

    [Theory]
    [MemberData(nameof(MalformedUserIds))]
    public async Task Diagnosis_MalformedUserId_Is400ProblemWithoutAnUpstreamCall(string userId)
    {
        var calls = dashboard.Simulator.RequestCount;

        using var response = await dashboard.Client.GetAsync($"/api/users/{Uri.EscapeDataString(userId)}/diagnosis", Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not a Vital user id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(userId, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(calls, dashboard.Simulator.RequestCount);
    }

    [Theory]
    [MemberData(nameof(MalformedUserIds))]
    public async Task DiagnosisMarkdown_MalformedUserId_Is400ProblemWithoutAnUpstreamCall(string userId)
    {
        var calls = dashboard.Simulator.RequestCount;

        using var response = await dashboard.Client.GetAsync($"/api/users/{Uri.EscapeDataString(userId)}/diagnosis.md", Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(calls, dashboard.Simulator.RequestCount);
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("braces")]
    [InlineData("upper-braces")]
    [InlineData("spaces")]
    public async Task Diagnosis_UserIdInAnotherUuidForm_IsNormalizedTo200(string form)
    {
        var userId = dashboard.UserOf(ScenarioNames.LowCoverage);
        var written = form switch
        {
            "upper" => userId.ToUpperInvariant(),
            "braces" => "{" + userId + "}",
            "upper-braces" => "{" + userId.ToUpperInvariant() + "}",
            _ => " " + userId + " ",
        };

        using var response = await dashboard.Client.GetAsync($"/api/users/{Uri.EscapeDataString(written)}/diagnosis", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        DiagnosisShape.Assert(root, userId, $"http://localhost/users/{userId}");
        Assert.Equal(["pull_low_coverage"], DiagnosisShape.Findings(root).Select(f => f.Code));
    }

    private async Task<JsonElement> GetDiagnosisAsync(string userId)
    {
        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return DiagnosisShape.Assert(JsonDocument.Parse(body).RootElement.Clone(), userId, $"http://localhost/users/{userId}");
    }

    private static JsonElement Resource(JsonElement root, string provider, string resource) =>
        DiagnosisShape.Array(root, "providers")
            .Single(p => p.GetProperty("provider").GetString() == provider)
            .GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("resource").GetString() == resource);
}
