using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

public sealed class RateLimitGateTests
{
    private const string EmptyPage = """{ "data": [], "next": null, "next_cursor": null }""";

    [Fact]
    public async Task Gate_ABurstOf429s_OtherRequestsWaitForTheLongestPauseBeforeSending()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var stub = new StubHandler();
        for (var i = 0; i < RateLimitGate.BurstThreshold; i++)
        {
            stub.ThenStatus(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromSeconds(i == 1 ? 3 : 1));
        }

        stub.ThenJson(EmptyPage);
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "0" }, time);
        var client = services.Client();

        for (var i = 0; i < RateLimitGate.BurstThreshold; i++)
        {
            await Assert.ThrowsAsync<VitalApiException>(() => client.GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));
        }

        var next = client.GetPageAsync(new HistoricalPullPageRequest { Provider = ProviderSlug.Oura }, TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.Equal(RateLimitGate.BurstThreshold, stub.Requests.Count);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(RateLimitGate.BurstThreshold + 1, stub.Requests.Count);
    }

    [Fact]
    public async Task Gate_One429AmongGoodAnswers_HoldsNoOtherRequestBack()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var stub = new StubHandler();
        // Slow-downs now and then, never the threshold within one window of answers: the key is not throttled.
        for (var i = 0; i < 3 * RateLimitGate.Window; i++)
        {
            if (i % 4 == 0)
            {
                stub.ThenStatus(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromSeconds(30));
            }
            else
            {
                stub.ThenJson(EmptyPage);
            }
        }

        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "0" }, time);
        var client = services.Client();

        for (var i = 0; i < 3 * RateLimitGate.Window; i++)
        {
            var read = client.GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken);
            if (i % 4 == 0)
            {
                await Assert.ThrowsAsync<VitalApiException>(() => read.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
            }
            else
            {
                Assert.Empty((await read.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Users);
            }
        }

        Assert.Equal(3 * RateLimitGate.Window, stub.Requests.Count);
    }

    [Fact]
    public void Gate_SlowDownsThatAgeOutOfTheWindow_DoNotAddUpToABurst()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var gate = new RateLimitGate(time, Options.Create(new VitalOptions()));
        using var slowDown = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        slowDown.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        using var good = new HttpResponseMessage(HttpStatusCode.OK);

        for (var i = 0; i < RateLimitGate.BurstThreshold - 1; i++)
        {
            gate.Observe(slowDown);
        }

        for (var i = 0; i < RateLimitGate.Window; i++)
        {
            gate.Observe(good);
        }

        gate.Observe(slowDown);
        Assert.True(gate.PausedUntil <= time.GetUtcNow());

        for (var i = 0; i < RateLimitGate.BurstThreshold - 1; i++)
        {
            gate.Observe(slowDown);
        }

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(5), gate.PausedUntil);
    }

    [Fact]
    public async Task Gate_RetryAfterZero_DoesNotPause()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var stub = new StubHandler().ThenStatus(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.Zero).ThenJson(EmptyPage);
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "0" }, time);
        var client = services.Client();

        await Assert.ThrowsAsync<VitalApiException>(() => client.GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));
        var page = await client.GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Empty(page.Users);
    }

    [Fact]
    public async Task Gate_ARefreshTold429_HoldsNoReadBack()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var stub = new StubHandler()
            .ThenStatus(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromMinutes(20))
            .ThenJson(EmptyPage);
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "0" }, time);
        var client = services.Client();

        await Assert.ThrowsAsync<VitalApiException>(() => client.RefreshUserAsync("7aec8422-8174-4464-a4b2-b04c5939be0d", cancellationToken: TestContext.Current.CancellationToken));
        // Vital's limit of refreshes for one user says nothing about the team's reads: the next page goes at once.
        var page = await client.GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Empty(page.Users);
        Assert.Equal(2, stub.Requests.Count);
    }
}
