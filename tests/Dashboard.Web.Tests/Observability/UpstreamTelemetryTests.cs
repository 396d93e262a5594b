using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Dashboard.Web.Observability;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// Each call to Vital is one measurement and one span, named by its endpoint template with the final status and an
/// outcome, never by its path, query or key; retries are inside the call; the circuit breaker's state is a gauge.
/// </summary>
public sealed class UpstreamTelemetryTests
{
    private const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Diagnosis_EachSource_IsOneMeasurementNamedByItsTemplate()
    {
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page()));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var calls = Calls(factory);

        using var response = await factory.CreateClient().GetAsync($"/api/users/{UserId}/diagnosis", Ct);

        response.EnsureSuccessStatusCode();
        var measured = calls.GetMeasurementSnapshot();
        Assert.Equal(["connections", "historical_pull", "resources", "user"], measured.Select(m => (string)m.Tags["endpoint"]!).Order());
        Assert.All(measured, m =>
        {
            Assert.Equal(200, m.Tags["http.response.status_code"]);
            Assert.Equal(UpstreamOutcome.Success, m.Tags["outcome"]);
            Assert.Equal("GET", m.Tags["http.request.method"]);
            Assert.DoesNotContain(m.Tags.Values, v => v?.ToString()?.Contains(UserId, StringComparison.OrdinalIgnoreCase) == true);
        });
    }

    [Fact]
    public async Task Call_ServerErrorAfterRetries_IsOneMeasurementWithTheFinalStatus()
    {
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.ServiceUnavailable, """{"detail":"down"}"""));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var calls = Calls(factory);

        using var response = await factory.CreateClient().GetAsync($"/api/users/{UserId}/diagnosis", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, upstream.PullCalls); // one retry: two attempts...
        var pulls = Assert.Single(calls.GetMeasurementSnapshot(), m => (string?)m.Tags["endpoint"] == "historical_pull"); // ...one call
        Assert.Equal(503, pulls.Tags["http.response.status_code"]);
        Assert.Equal(UpstreamOutcome.ServerError, pulls.Tags["outcome"]);
        Assert.Equal("503", pulls.Tags["error.type"]);
    }

    [Fact]
    public async Task Call_TruncatedBodyEveryAttempt_IsRetriedAndMeasuredAsAnIncompleteBodyNotAServerError()
    {
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page()[..20]));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var calls = Calls(factory);

        using var response = await factory.CreateClient().GetAsync($"/api/users/{UserId}/diagnosis", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(2, upstream.PullCalls); // retried like a 5xx...
        var pulls = Assert.Single(calls.GetMeasurementSnapshot(), m => (string?)m.Tags["endpoint"] == "historical_pull");
        Assert.Equal(UpstreamOutcome.IncompleteBody, pulls.Tags["outcome"]); // ...but named for what it is
        Assert.Equal(typeof(IncompleteBodyException).FullName, pulls.Tags["error.type"]);
    }

    [Fact]
    public async Task Lookup_UnknownClientUserId_IsAClientErrorOnTheResolveTemplate()
    {
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page()));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var calls = Calls(factory);

        using var response = await factory.CreateClient().GetAsync("/api/users/by-client-id/customer-42/diagnosis", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var resolve = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal("resolve", resolve.Tags["endpoint"]);
        Assert.Equal(404, resolve.Tags["http.response.status_code"]);
        Assert.Equal(UpstreamOutcome.ClientError, resolve.Tags["outcome"]);
    }

    [Fact]
    public async Task Call_UnreachableUpstream_IsANetworkOutcomeWithTheExceptionType()
    {
        var upstream = new StubUpstream(_ => throw new HttpRequestException("connection refused"));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream);
        using var calls = Calls(factory);

        using var response = await factory.CreateClient().GetAsync($"/api/users/{UserId}/diagnosis", Ct);

        var pulls = Assert.Single(calls.GetMeasurementSnapshot(), m => (string?)m.Tags["endpoint"] == "historical_pull");
        Assert.Equal(UpstreamOutcome.Network, pulls.Tags["outcome"]);
        Assert.Equal(typeof(HttpRequestException).FullName, pulls.Tags["error.type"]);
        Assert.False(pulls.Tags.ContainsKey("http.response.status_code"));
    }

    [Fact]
    public async Task CircuitBreaker_OpenedByFailures_ShowsInTheGaugeAndTheOutcome()
    {
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.InternalServerError, """{"detail":"boom"}"""));
        upstream.AnswerEverything(_ => StubUpstream.Respond(HttpStatusCode.InternalServerError, """{"detail":"boom"}"""));
        await using var factory = new DashboardFactory(
            LiveDashboard.Settings(new Dictionary<string, string?>
            {
                ["Vital:Resilience:MaxRetryAttempts"] = "0",
                ["Vital:Resilience:CircuitBreakerMinimumThroughput"] = "2",
                ["Vital:Resilience:CircuitBreakerBreakDuration"] = "00:01:00",
            }),
            upstream);
        using var calls = Calls(factory);
        using var state = new MetricCollector<int>(factory.Services.GetRequiredService<IMeterFactory>(), DashboardTelemetry.Name, DashboardTelemetry.UpstreamCircuitState);
        var client = factory.CreateClient();

        state.RecordObservableInstruments();
        var before = OpenState(state);
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync($"/api/users/{UserId}/diagnosis", Ct);
        }

        state.RecordObservableInstruments();
        Assert.Equal(0, before);
        Assert.Equal(1, OpenState(state));
        Assert.Contains(calls.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == UpstreamOutcome.CircuitOpen);
    }

    [Fact]
    public async Task Diagnosis_EachSource_IsOneSpanNamedByItsTemplateWithoutIdsOrKey()
    {
        var spans = new CapturedSpans();
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.Page()));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream, spans.AddTo);

        using var response = await spans.CreateClient(factory).GetAsync($"/api/users/{UserId}/diagnosis", Ct);

        response.EnsureSuccessStatusCode();
        var upstreamSpans = spans.All.Where(s => s.Source.Name == DashboardTelemetry.Name && s.DisplayName.StartsWith("vital ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["vital connections", "vital historical_pull", "vital resources", "vital user"], upstreamSpans.Select(s => s.DisplayName).Order());
        var user = upstreamSpans.Single(s => s.DisplayName == "vital user");
        Assert.Equal("/v2/user/{user_id}", user.GetTagItem("url.template"));
        Assert.Equal(200, user.GetTagItem("http.response.status_code"));
        Assert.Equal(UpstreamOutcome.Success, user.GetTagItem("outcome"));
        Assert.Equal(ActivityStatusCode.Unset, user.Status);

        // The request's own span is their parent: one trace from the browser's request to Vital. It ends a moment
        // after the client has the answer.
        var request = Assert.Single(await spans.WaitAsync(all => all.Any(s => s.Kind == ActivityKind.Server), Ct), s => s.Kind == ActivityKind.Server);
        Assert.All(upstreamSpans, s => Assert.Equal(request.TraceId, s.TraceId));
        Assert.Equal("GET /api/users/{userId}/diagnosis", request.DisplayName);

        var texts = spans.All.SelectMany(CapturedSpans.Texts).ToList();
        Assert.DoesNotContain(texts, t => t.Contains(UserId, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(texts, t => t.Contains(LiveDashboard.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_ServerError_IsAnErrorSpan()
    {
        var spans = new CapturedSpans();
        var upstream = new StubUpstream(_ => StubUpstream.Respond(HttpStatusCode.BadGateway, "<html>proxy</html>", "text/html"));
        await using var factory = new DashboardFactory(LiveDashboard.Settings(), upstream, spans.AddTo);

        using var response = await spans.CreateClient(factory).GetAsync($"/api/users/{UserId}/diagnosis", Ct);

        var pulls = Assert.Single(spans.Named("vital historical_pull"));
        Assert.Equal(ActivityStatusCode.Error, pulls.Status);
        Assert.Equal(502, pulls.GetTagItem("http.response.status_code"));
        Assert.Equal(UpstreamOutcome.ServerError, pulls.GetTagItem("outcome"));
    }

    private static MetricCollector<double> Calls(DashboardFactory factory) =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), VitalTelemetry.Name, VitalTelemetry.RequestDuration);

    private static long OpenState(MetricCollector<int> state) =>
        state.GetMeasurementSnapshot().LastOrDefault(m => (string?)m.Tags["state"] == "open")?.Value ?? -1;
}
