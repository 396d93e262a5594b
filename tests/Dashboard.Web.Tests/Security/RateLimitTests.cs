using System.Net;
using System.Text.Json;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Api_OverTheLimit_Is429WithRetryAfterAndWords()
    {
        await using var factory = Factory(Anonymous(("Api:RequestsPerMinute", "3")), Upstream(out var user));
        using var client = Client(factory);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync($"/api/users/{user}/diagnosis.md", TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        using var limited = last!;
        var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains("seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_TwoSignedInUsersBehindOneProxy_EachHasTheirOwnAllowance()
    {
        // Same client address for both (the proxy): the limiter must key on the signed-in user, so it runs after authentication.
        await using var factory = Factory(TrustedProxy(("Api:RequestsPerMinute", "3")), Upstream(out var user));
        using var client = Client(factory);

        async Task<HttpStatusCode> Csv(string who)
        {
            using var response = await client.SendAsync(Get($"/api/users/{user}/diagnosis.md", "10.0.0.5", ("X-Forwarded-Email", who)), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        var alice = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            alice.Add(await Csv("alice@example.com"));
        }

        var bob = await Csv("bob@example.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, alice[^1]);
        Assert.All(alice.Take(3), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, bob);
    }

    [Fact]
    public async Task Pages_AreNotCountedAgainstTheApiAllowance()
    {
        await using var factory = Factory(Anonymous(("Api:RequestsPerMinute", "1")), Upstream(out _));
        using var client = Client(factory);

        using var first = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        using var api = await client.GetAsync("/api/users.csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Api_RefreshTruePastThePerPersonLimit_Is429AndVitalIsNotAsked()
    {
        var upstream = Upstream(out var user);
        await using var factory = Factory(TrustedProxy(("Api:ForcedRefreshesPerMinute", "2")), upstream);
        using var client = Client(factory);

        async Task<HttpResponseMessage> Diagnosis(string who, bool refresh) =>
            await client.SendAsync(Get($"/api/users/{user}/diagnosis" + (refresh ? "?refresh=true" : ""), "10.0.0.5", ("X-Forwarded-Email", who)), TestContext.Current.CancellationToken);

        using var first = await Diagnosis("alice@example.com", refresh: true);
        using var second = await Diagnosis("alice@example.com", refresh: true);
        var calls = upstream.Calls;
        using var third = await Diagnosis("alice@example.com", refresh: true);
        var callsAfterRefusal = upstream.Calls;
        using var cached = await Diagnosis("alice@example.com", refresh: false);
        using var someoneElse = await Diagnosis("bob@example.com", refresh: true);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(calls, callsAfterRefusal);
        Assert.Equal("60", third.Headers.GetValues("Retry-After").Single());
        Assert.Contains("at most 2 times a minute", await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }
}
