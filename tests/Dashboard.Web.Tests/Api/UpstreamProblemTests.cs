using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Upstream trouble on the diagnosis endpoints, against a stub upstream: 502 (key rejected, bad answer), 503 (rate
/// limited or unavailable after retries), 504 (timed out). Each a problem body in words, never a stack trace, never the key.
/// </summary>
public sealed class UpstreamProblemTests(LiveDashboard dashboard) : IClassFixture<LiveDashboard>
{
    private const string KeyRejected = "Vital rejected the dashboard's API key; ask an administrator to check Vital:ApiKey.";

    private const string ProxyPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Endpoints() => ["diagnosis", "diagnosis.md"];

    /// <summary>An upstream error body that echoes the key, as a careless proxy or server might.</summary>
    private static string EchoingKey(string text) => $$"""{"detail":"{{text}} (key {{LiveDashboard.ApiKey}})"}""";

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Diagnosis_UpstreamAnswers401_Is502SayingTheKeyWasRejected(string endpoint)
    {
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.Unauthorized, EchoingKey("Invalid API key")));

        using var response = await GetAsync(endpoint);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(KeyRejected, problem.GetProperty("detail").GetString());
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Diagnosis_UpstreamAnswers403_Is502SayingTheKeyWasRejected(string endpoint)
    {
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.Forbidden, EchoingKey("Forbidden")));

        using var response = await GetAsync(endpoint);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(KeyRejected, problem.GetProperty("detail").GetString());
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Fact]
    public async Task Diagnosis_UpstreamKeepsAnswering429_Is503AfterRetryingWithoutRetryAfter()
    {
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.TooManyRequests, EchoingKey("Too Many Requests")));
        var calls = dashboard.Upstream.PullCalls;

        using var response = await GetAsync("diagnosis");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, dashboard.Upstream.PullCalls - calls);
        Assert.Null(response.Headers.RetryAfter);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Diagnosis_UpstreamAsksToWaitLongerThanTheDashboardWill_Is503WithItsRetryAfter(HttpStatusCode status)
    {
        dashboard.Upstream.Answer(_ =>
        {
            var answer = StubUpstream.Respond(status, EchoingKey("Slow down"));
            answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return answer;
        });

        using var response = await GetAsync("diagnosis");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "diagnosis")]
    [InlineData(HttpStatusCode.InternalServerError, "diagnosis")]
    [InlineData(HttpStatusCode.BadGateway, "diagnosis")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "diagnosis.md")]
    public async Task Diagnosis_UpstreamKeepsFailingWith5xx_Is503AfterRetrying(HttpStatusCode status, string endpoint)
    {
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(status, EchoingKey("Service temporarily unavailable")));
        var calls = dashboard.Upstream.PullCalls;

        using var response = await GetAsync(endpoint);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("Vital", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, dashboard.Upstream.PullCalls - calls);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Diagnosis_UpstreamNeverAnswers_Is504(string endpoint)
    {
        dashboard.Upstream.Answer(StubUpstream.NeverAnswers);
        var calls = dashboard.Upstream.PullCalls;

        using var response = await GetAsync(endpoint);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Contains("in time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, dashboard.Upstream.PullCalls - calls);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    public static TheoryData<string, string, string> BadAnswers() => new()
    {
        { "truncated JSON", """{"data":[{"user_id":"7aec8422-8174-4464-a4b2-b04c5939be0d","provider":{"oura":{"pulled":{"sl""", "application/json" },
        { "not JSON", "Internal Server Error", "text/plain" },
        { "JSON without data", """{"detail":"ok"}""", "application/json" },
        { "HTML page", ProxyPage, "text/html" },
        { "HTML page labelled JSON", ProxyPage, "application/json" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Diagnosis_UpstreamAnswers200WithSomethingElseThanTheContract_Is502(string what, string body, string contentType)
    {
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.OK, body, contentType));

        using var response = await GetAsync("diagnosis");

        Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{what}: {(int)response.StatusCode}");
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.DoesNotContain("<html", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("oura", problem.GetRawText(), StringComparison.Ordinal);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Fact]
    public async Task Diagnosis_UpstreamUnreachable_Is503()
    {
        dashboard.Upstream.Answer((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (upstream.test:443)"));

        using var response = await GetAsync("diagnosis");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("could not reach Vital", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, "validation")]
    [InlineData(HttpStatusCode.BadRequest, "validation")]
    [InlineData(HttpStatusCode.NotFound, "html")]
    public async Task Diagnosis_UpstreamRefusesTheRequest_Is502WithoutTheKeyItEchoed(HttpStatusCode status, string shape)
    {
        // Refusals that do not say "no such user": a validation list, or a 404 page that is not Vital's JSON.
        var body = shape == "html"
            ? $"<html><body>404 Not Found (key {LiveDashboard.ApiKey})</body></html>"
            : $$"""{"detail":[{"loc":["query","user_id"],"msg":"bad request for key {{LiveDashboard.ApiKey}}","type":"value_error"}]}""";
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(status, body, shape == "html" ? "text/html" : "application/json"));
        var calls = dashboard.Upstream.PullCalls;

        using var response = await GetAsync("diagnosis");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(1, dashboard.Upstream.PullCalls - calls);
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task Diagnosis_EverySourceSaysNoSuchUser_Is200WithUserNotFoundWithoutTheKeyItEchoed(HttpStatusCode status)
    {
        // The contract: an unknown user may answer 404 or 400 with a detail on any of the four reads; that is no such
        // user, never an outage (the pulls' read included).
        dashboard.Upstream.AnswerEverything(_ => StubUpstream.Respond(status, EchoingKey("User not found")));
        try
        {
            using var response = await GetAsync("diagnosis");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("user_not_found", Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("code").GetString());
            var sources = json.RootElement.GetProperty("sources");
            Assert.Equal("not_found", sources.GetProperty("user").GetString());
            Assert.Equal("ok", sources.GetProperty("historicalPulls").GetString());
            await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
        }
        finally
        {
            dashboard.Upstream.AnswerOthers(null);
        }
    }

    [Fact]
    public async Task Diagnosis_UpstreamAnswers_SendsTheKeyUpstreamButNeverBack()
    {
        var userId = Guid.NewGuid().ToString();
        dashboard.Upstream.Answer(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.OnePull(userId, "oura", "sleep", UpstreamJson.Pull("failure"))));

        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LiveDashboard.ApiKey, dashboard.Upstream.LastApiKey);
        Assert.Contains(dashboard.Upstream.RequestUris, u => u.AbsolutePath.EndsWith("/v2/introspect/historical_pull", StringComparison.Ordinal) && u.Query.Contains($"user_id={userId}", StringComparison.Ordinal));
        await ApiAssert.NowhereAsync(LiveDashboard.ApiKey, response);
    }

    /// <summary>A fresh user each time: an answer cached for one test must not hide the next test's upstream.</summary>
    private Task<HttpResponseMessage> GetAsync(string endpoint) =>
        dashboard.Client.GetAsync($"/api/users/{Guid.NewGuid()}/{endpoint}", Ct);
}
