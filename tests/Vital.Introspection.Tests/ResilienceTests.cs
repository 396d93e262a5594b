using System.Net;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

public sealed class ResilienceTests
{
    private const string EmptyPage = """{ "data": [], "next": null, "next_cursor": null }""";

    [Fact]
    public async Task RateLimited_WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var stub = new StubHandler()
            .ThenStatus(HttpStatusCode.TooManyRequests, """{"detail":"slow down"}""", retryAfter: TimeSpan.FromSeconds(40))
            .ThenJson(EmptyPage);
        // The pipeline's clock is the injected one: the 40 s wait passes on the fake clock, not in real time.
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxDelay"] = "00:01:00" }, time);

        var call = services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken);
        await WaitUntil(() => stub.Requests.Count == 1);

        time.Advance(TimeSpan.FromSeconds(39.9));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Single(stub.Requests);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(200));
        var page = await call.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Empty(page.Users);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task RateLimited_EveryAttempt_GivesUpAfterConfiguredRetriesAsRateLimited()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.TooManyRequests, """{"detail":"slow down"}""", retryAfter: TimeSpan.FromMilliseconds(10));
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task RateLimited_RetryAfterLongerThanMaxDelay_DoesNotWaitAndSaysSo()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromMinutes(10));
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromMinutes(10), error.RetryAfter);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task TransientStatus_ThenSuccess_IsRetriedTransparently(HttpStatusCode status)
    {
        var stub = new StubHandler().ThenStatus(status, "{}").ThenStatus(status, "{}").ThenJson(EmptyPage);
        await using var services = ClientFactory.Build(stub);

        var page = await services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken);

        Assert.Empty(page.Users);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task ServerError_EveryAttempt_IsUnavailableAfterConfiguredAttempts()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.ServiceUnavailable, """{"detail":"maintenance"}""");
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "4" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.Unavailable, error.Kind);
        Assert.Equal("maintenance", error.UpstreamDetail);
        Assert.Equal(5, stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task ClientError_IsNeverRetried(HttpStatusCode status)
    {
        var stub = new StubHandler().ThenStatus(status, """{"detail":"no"}""").ThenJson(EmptyPage);
        await using var services = ClientFactory.Build(stub);

        await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task SlowAnswer_BeyondAttemptTimeout_IsRetriedThenReportedAsTimeout()
    {
        var slow = new SlowHandler();
        await using var services = ClientFactory.Build(slow, new Dictionary<string, string?>
        {
            ["Vital:Resilience:MaxRetryAttempts"] = "1",
            ["Vital:Resilience:AttemptTimeout"] = "00:00:00.100",
        });

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.Timeout, error.Kind);
        Assert.Equal(2, slow.Calls);
        Assert.Equal(2, slow.Cancelled);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "The condition did not become true in time.");
    }

    private sealed class SlowHandler : HttpMessageHandler
    {
        private int _calls;
        private int _cancelled;

        public int Calls => _calls;

        public int Cancelled => _cancelled;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
