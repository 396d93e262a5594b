using System.Net;
using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary>Injected faults: each rate at 1 gives its answer; latency and slowness honour the clock and cancellation.</summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerErrorRate_One_Is500()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.ServerErrorRate = 1);

        var answer = await kit.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
    }

    [Fact]
    public async Task UnavailableRate_One_Is503WithDetail()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.UnavailableRate = 1);

        var answer = await kit.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("detail").ValueKind);
    }

    [Fact]
    public async Task RateLimitRate_One_Is429WithRetryAfter()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o =>
        {
            o.Faults.RateLimitRate = 1;
            o.Faults.RetryAfterSeconds = 7;
        });

        var answer = await kit.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), answer.Headers.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task MalformedRate_One_Is200WithInvalidJson()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.MalformedRate = 1);

        var answer = await kit.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.NotEmpty(answer.Body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(answer.Body));
    }

    [Fact]
    public async Task HtmlErrorRate_One_Is502HtmlPage()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.HtmlErrorRate = 1);

        var answer = await kit.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.BadGateway, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("<html>", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectRate_One_ThrowsHttpRequestException()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.DisconnectRate = 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => kit.GetAsync(string.Empty));
    }

    [Fact]
    public async Task Latency_FakeClock_AnswersOnlyOnceTheLatencyHasPassed()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.LatencyMs = 500);

        var pending = kit.GetAsync(string.Empty);
        await ReceivedAsync(kit);
        kit.Time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50, Ct);
        Assert.False(pending.IsCompleted);

        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Latency_ClockPastItBeforeTheAnswerIsSent_NoFurtherWait()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.LatencyMs = 500);
        // Every read of the clock moves it on by the whole latency, so it has passed by the time the answer is ready:
        // the latency counts from the request's arrival, the answer is not held for another 500 ms.
        kit.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(500);

        var answer = await kit.GetAsync(string.Empty).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Latency_RefreshCancelledMeanwhile_ChangesNothing()
    {
        using var kit = new SimulatorTestKit(users: 200, configure: o => o.Faults.LatencyMs = 500);
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var pending = kit.Client.PostAsync("v2/user/refresh/" + userId, null, cancellation.Token);
        await ReceivedAsync(kit);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        kit.Simulator.Faults = new SimulatorFaultOptions();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < VitalSimulator.RefreshesPerHour; i++)
        {
            statuses.Add((await kit.RefreshAsync(userId)).Status);
        }

        // The cancelled refresh used none of the user's hourly refreshes.
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task SlowRate_One_CancellationStopsTheWait()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o => o.Faults.SlowRate = 1);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var pending = kit.Client.GetAsync(SimulatorTestKit.Endpoint, cancellation.Token);
        await ReceivedAsync(kit);
        kit.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50, Ct);
        Assert.False(pending.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(0, kit.Simulator.RequestCount);
    }

    [Fact]
    public async Task SlowRate_One_AnswersAfterSlowResponseMs()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o =>
        {
            o.Faults.SlowRate = 1;
            o.Faults.SlowResponseMs = 2_000;
        });

        var pending = kit.GetAsync(string.Empty);
        await ReceivedAsync(kit);
        kit.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.OK, (await pending.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Status);
    }

    [Fact]
    public async Task Faults_ReplacedAtRuntime_TakeEffectOnTheNextRequest()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var before = await kit.GetAsync(string.Empty);
        kit.Simulator.Faults = new SimulatorFaultOptions { UnavailableRate = 1 };
        var during = await kit.GetAsync(string.Empty);
        kit.Simulator.Faults = new SimulatorFaultOptions();
        var after = await kit.GetAsync(string.Empty);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], [before.Status, during.Status, after.Status]);
        Assert.Equal(before.Body, after.Body);
    }

    [Fact]
    public async Task Faults_OnTheConnectionsEndpointOnly_FailItAndTheOthersStillAnswer()
    {
        using var kit = new SimulatorTestKit(users: 200, configure: o =>
        {
            o.Faults.UnavailableRate = 1;
            o.Faults.LatencyMs = 60_000; // would hang every other answer on the fake clock
            o.Faults.Endpoints = [SimulatorEndpoints.Providers];
        });
        var userId = kit.Team.Scenarios[ScenarioNames.Healthy];

        var others = new[]
        {
            await kit.GetAsync("user_limit=5"),
            await kit.GetResourcesAsync("user_limit=5"),
            await kit.GetAccountAsync(userId),
            await kit.ResolveAsync(kit.Team.ClientUserIdOf(userId)!),
            await kit.RefreshAsync(userId),
            await kit.SendAsync(HttpMethod.Get, "v2/introspect/devices"),
        };
        var connections = kit.GetConnectionsAsync(userId);
        for (var i = 0; i < 500 && kit.Simulator.RecentRequestQueries.Count <= others.Length; i++)
        {
            await Task.Delay(10, Ct);
        }

        await Task.Delay(20, Ct);
        kit.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound],
            others.Select(a => a.Status));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await connections.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Status);
    }

    [Fact]
    public async Task Faults_NarrowedToSomeEndpoints_LeaveTheOthersAnswersAsWithoutFaults()
    {
        using var plain = new SimulatorTestKit(users: 100);
        using var kit = new SimulatorTestKit(users: 100, configure: o =>
        {
            o.Faults.ServerErrorRate = 0.5;
            o.Faults.Endpoints = [SimulatorEndpoints.Refresh, SimulatorEndpoints.User];
        });

        var expected = (await plain.WalkAsync(7)).Select(p => p.Body);
        var actual = (await kit.WalkAsync(7)).Select(p => p.Body);
        var users = new List<HttpStatusCode>();
        foreach (var userId in kit.Team.UserIds)
        {
            users.Add((await kit.GetAccountAsync(userId)).Status);
        }

        Assert.Equal(expected, actual);
        Assert.InRange(users.Count(s => s == HttpStatusCode.InternalServerError), 25, 75);
    }

    [Fact]
    public void Faults_InvalidReplacement_IsRefusedNamingTheKey()
    {
        using var kit = new SimulatorTestKit(users: 20);

        var error = Assert.Throws<ArgumentException>(() => kit.Simulator.Faults = new SimulatorFaultOptions { ServerErrorRate = 0.7, RateLimitRate = 0.7 });

        Assert.Contains("must add up to at most 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.Simulator.Faults.ServerErrorRate);
    }

    [Fact]
    public async Task MixedRates_ManyRequests_GiveRoughlyTheConfiguredShares()
    {
        using var kit = new SimulatorTestKit(users: 20, configure: o =>
        {
            o.Faults.ServerErrorRate = 0.2;
            o.Faults.RateLimitRate = 0.3;
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 400; i++)
        {
            statuses.Add((await kit.GetAsync(string.Empty)).Status);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.InternalServerError), 50, 110);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.TooManyRequests), 85, 155);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 160, 240);
    }

    [Fact]
    public async Task RequestCountAndRecentQueries_ConcurrentRequests_AreCountedAndBounded()
    {
        using var kit = new SimulatorTestKit(users: 100, configure: o => o.Faults.RateLimitRate = 0.3);

        // More requests than the simulator keeps queries of.
        var requests = VitalSimulator.RecentQueryCapacity + 40;
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            using var response = await kit.Client.GetAsync($"{SimulatorTestKit.Endpoint}?user_limit={(i % 50) + 1}", ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests);
        });

        Assert.Equal(requests, kit.Simulator.RequestCount);
        Assert.Equal(VitalSimulator.RecentQueryCapacity, kit.Simulator.RecentRequestQueries.Count);
        Assert.All(kit.Simulator.RecentRequestQueries, q => Assert.StartsWith("user_limit=", q, StringComparison.Ordinal));
    }

    /// <summary>Waits until the simulator has the request (and so is about to start its delay on the fake clock).</summary>
    private static async Task ReceivedAsync(SimulatorTestKit kit)
    {
        for (var i = 0; i < 500 && kit.Simulator.RecentRequestQueries.Count == 0; i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.NotEmpty(kit.Simulator.RecentRequestQueries);
        await Task.Delay(20, Ct);
    }
}
