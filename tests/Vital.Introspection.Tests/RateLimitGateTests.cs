using System.Net;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

public sealed class RateLimitGateTests
{
    private const string EmptyPage = """{ "data": [], "next": null, "next_cursor": null }""";

    [Fact]
    public async Task Gate_OneRequestTold429_OtherRequestsWaitForThePauseBeforeSending()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var stub = new StubHandler()
            .ThenStatus(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromSeconds(3))
            .ThenJson(EmptyPage);
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "0" }, time);
        var client = services.Client();

        await Assert.ThrowsAsync<VitalApiException>(() => client.GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));
        var second = client.GetPageAsync(new HistoricalPullPageRequest { Provider = ProviderSlug.Oura }, TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.Single(stub.Requests);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(3));
        await second.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(2, stub.Requests.Count);
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
