using System.Net;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

/// <summary>The user, lookup, connections, resources and refresh calls: same key handling and errors, "no such user" a result.</summary>
public sealed class WholeDiagnosisClientTests
{
    private const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    private const string User = """
        { "user_id": "7aec8422-8174-4464-a4b2-b04c5939be0d", "team_id": "t-1", "client_user_id": "müller/42 ß?%",
          "created_on": "2026-07-23T14:27:46+00:00",
          "connected_sources": [ { "provider": { "name": "Oura", "slug": "oura", "logo": "x" }, "created_on": "2026-07-23T14:27:46Z" } ],
          "fallback_time_zone": null, "ingestion_start": "2026-01-01", "ingestion_end": null }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetUserProfile_Found_TheUserWithTheKeyInItsHeaderOnly()
    {
        var stub = new StubHandler().ThenJson(User);
        await using var services = ClientFactory.Build(stub);

        var user = await services.Client().GetUserProfileAsync(UserId, Ct);

        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal($"https://vital.test/v2/user/{UserId}", request.Uri.AbsoluteUri);
        Assert.Equal(ClientFactory.TestKey, request.Headers["x-vital-api-key"]);
        Assert.Equal("müller/42 ß?%", user!.ClientUserId);
        Assert.Equal(new DateOnly(2026, 1, 1), user.IngestionStart);
        Assert.Equal(ProviderSlug.Oura, Assert.Single(user.ConnectedSources).Provider);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"detail":"User not found"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"detail":"User 7aec8422 does not exist"}""")]
    [InlineData(HttpStatusCode.NotFound, "\uFEFF{\"detail\":\"User not found\"}")] // after a byte order mark
    public async Task GetUserProfileAndConnections_NoSuchUser_NullNotAnError(HttpStatusCode status, string body)
    {
        var stub = new StubHandler().ThenStatus(status, body);
        await using var services = ClientFactory.Build(stub);

        Assert.Null(await services.Client().GetUserProfileAsync(UserId, Ct));
        Assert.Null(await services.Client().GetConnectionsAsync(UserId, Ct));
        Assert.Null(await services.Client().ResolveClientUserIdAsync("nobody", Ct));
        Assert.Equal(3, stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"detail":"User not found"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"detail":"User 7aec8422 does not exist"}""")]
    public async Task GetUserPullsAndOngoingData_NoSuchUser_NothingHeldNotAnOutage(HttpStatusCode status, string body)
    {
        var stub = new StubHandler().ThenStatus(status, body);
        await using var services = ClientFactory.Build(stub);

        var pulls = await services.Client().GetUserAsync(UserId, cancellationToken: Ct);
        var resources = await services.Client().GetUserResourcesAsync(UserId, cancellationToken: Ct);

        Assert.Equal(UserId, pulls.UserId);
        Assert.Empty(pulls.Providers);
        Assert.Equal(UserId, resources.UserId);
        Assert.Empty(resources.Providers);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("<html><body><h1>404 Not Found</h1></body></html>", "text/html")]
    [InlineData("""{"message":"no route"}""", "application/json")]
    public async Task EveryUserRead_404WithoutVitalsDetail_AnErrorThatNamesTheAddress(string body, string mediaType)
    {
        // A wrong Vital:BaseUrl or a proxy's page answers 404 for every user: said as what it is, not "no such user".
        var stub = new StubHandler().ThenStatus(HttpStatusCode.NotFound, body, mediaType);
        await using var services = ClientFactory.Build(stub);
        var client = services.Client();

        foreach (var read in new Func<Task>[]
        {
            () => client.GetUserAsync(UserId, cancellationToken: Ct),
            () => client.GetUserResourcesAsync(UserId, cancellationToken: Ct),
            () => client.GetUserProfileAsync(UserId, Ct),
            () => client.GetConnectionsAsync(UserId, Ct),
            () => client.ResolveClientUserIdAsync("cust-1", Ct),
        })
        {
            var error = await Assert.ThrowsAsync<VitalApiException>(read);
            Assert.Equal(VitalErrorKind.NotFound, error.Kind);
            Assert.Contains("Vital:BaseUrl", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetUserProfile_Validation422_IsAnError()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.UnprocessableEntity, """{"detail":[{"loc":["path","user_id"],"msg":"not a uuid","type":"uuid"}]}""");
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetUserProfileAsync("x", Ct));

        Assert.Equal(VitalErrorKind.Validation, error.Kind);
    }

    [Fact]
    public async Task GetConnections_Unavailable_AnOutageInWordsAfterRetries()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.ServiceUnavailable, """{"detail":"down"}""");
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetConnectionsAsync(UserId, Ct));

        Assert.Equal(VitalErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Resolve_ADotSegment_RefusedWithoutAskingAnotherEndpoint(string clientId)
    {
        var stub = new StubHandler().ThenJson(User);
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().ResolveClientUserIdAsync(clientId, Ct));

        Assert.Equal(VitalErrorKind.Validation, error.Kind);
        Assert.Empty(stub.Requests);
    }

    [Theory]
    [InlineData("...", "...")]
    [InlineData("a.", "a.")]
    [InlineData("müller/42 ß?%", "m%C3%BCller%2F42%20%C3%9F%3F%25")]
    [InlineData("a b+c&d=e#f", "a%20b%2Bc%26d%3De%23f")]
    [InlineData("0d7c3a52-91e4-4b8f-a6d2-5e3f1c9b7a40", "0d7c3a52-91e4-4b8f-a6d2-5e3f1c9b7a40")]
    [InlineData("../../v2/introspect/historical_pull", "..%2F..%2Fv2%2Fintrospect%2Fhistorical_pull")]
    public async Task Resolve_AnyClientId_EncodedOnceAsOnePathSegment(string clientId, string encoded)
    {
        var stub = new StubHandler().ThenJson(User);
        await using var services = ClientFactory.Build(stub);

        var user = await services.Client().ResolveClientUserIdAsync(clientId, Ct);

        Assert.Equal("https://vital.test/v2/user/resolve/" + encoded, Assert.Single(stub.Requests).Uri.AbsoluteUri);
        Assert.Equal(UserId, user!.UserId);
    }

    [Fact]
    public async Task GetResourcesPages_CursorsThenALastPageWithoutTheKey_EveryPageOnce()
    {
        var stub = new StubHandler()
            .ThenJson("""{ "data": [ { "user_id": "a", "provider": { "oura": { "sleep": { "newest_data": "2026-12-01T00:00:00Z" } } } } ], "next": "https://elsewhere.test/next", "next_cursor": "c2" }""")
            .ThenJson("""{ "data": [ { "user_id": "b", "provider": {} } ] }""");
        await using var services = ClientFactory.Build(stub);

        var pages = await services.Client().GetResourcesPagesAsync(ProviderSlug.Oura, 20, Ct).ToListAsync(Ct);

        Assert.Equal(["a", "b"], pages.SelectMany(p => p.Users).Select(u => u.UserId));
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("https://vital.test/v2/introspect/resources", r.Uri.GetLeftPart(UriPartial.Path)));
        Assert.False(stub.Requests[0].Query.ContainsKey("next_cursor"));
        Assert.Equal("c2", stub.Requests[1].Query["next_cursor"]);
        Assert.All(stub.Requests, r => Assert.Equal("oura", r.Query["provider"]));
        Assert.All(stub.Requests, r => Assert.False(r.Query.ContainsKey("cursor")));
    }

    [Fact]
    public async Task GetResourcesPages_TheSameCursorTwice_StopsWithAnError()
    {
        var stub = new StubHandler().ThenJson("""{ "data": [], "next_cursor": "again" }""");
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(async () => await services.Client().GetResourcesPagesAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
    }

    [Fact]
    public async Task GetUserResources_OneUser_ItsProvidersEvenWhenTheUpstreamEchoesAnEmptyId()
    {
        var stub = new StubHandler().ThenJson("""{ "data": [ { "user_id": "", "provider": { "fitbit": { "activity": { "sent_count": 3 } } } } ] }""");
        await using var services = ClientFactory.Build(stub);

        var resources = await services.Client().GetUserResourcesAsync(UserId, cancellationToken: Ct);

        Assert.Equal(UserId, resources.UserId);
        Assert.Equal(3, resources.Providers[ProviderSlug.Fitbit][ResourceName.Activity].SentCount);
        Assert.Equal(UserId, Assert.Single(stub.Requests).Query["user_id"]);
    }

    [Fact]
    public async Task Refresh_Done_APostWithItsTimeoutAndTheSourcesInThreeLists()
    {
        var stub = new StubHandler().ThenJson("""{ "success": true, "user_id": "u", "refreshed_sources": ["oura/sleep"], "in_progress_sources": [], "failed_sources": ["fitbit/activity"] }""");
        await using var patient = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:AttemptTimeout"] = "00:00:30" });

        var result = await patient.Client().RefreshUserAsync(UserId, TimeSpan.FromSeconds(20), Ct);

        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://vital.test/v2/user/refresh/{UserId}", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("20", request.Query["timeout"]);
        Assert.True(result.Success);
        Assert.Equal(["oura/sleep"], result.Refreshed);
        Assert.Equal(["fitbit/activity"], result.Failed);
    }

    [Theory]
    [InlineData(null, null, "7")] // Vital's default of 10 s would answer after the default 10 s attempt was cut off
    [InlineData(20, null, "7")]
    [InlineData(null, "00:00:30", "10")] // Vital's default, now within the attempt
    [InlineData(20, "00:00:30", "20")]
    [InlineData(null, "00:00:04", "5")] // Vital's least
    [InlineData(90, "00:05:00", "60")] // Vital's most
    public async Task Refresh_AsksVitalToAnswerWithinOneAttempt(int? askedSeconds, string? attemptTimeout, string sent)
    {
        var stub = new StubHandler().ThenJson("""{ "success": true, "user_id": "u", "refreshed_sources": [], "in_progress_sources": ["oura/sleep"], "failed_sources": [] }""", HttpStatusCode.Accepted);
        await using var services = ClientFactory.Build(stub, attemptTimeout is null ? null : new Dictionary<string, string?>
        {
            ["Vital:Resilience:AttemptTimeout"] = attemptTimeout,
            ["Vital:Resilience:TotalTimeout"] = "00:10:00",
        });

        await services.Client().RefreshUserAsync(UserId, askedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, Ct);

        Assert.Equal(sent, Assert.Single(stub.Requests).Query["timeout"]);
    }

    [Fact]
    public async Task Refresh_400WithADetailOnly_RefusedInVitalsWords()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.BadRequest, """{"detail":"User 7aec8422 not found"}""");
        await using var services = ClientFactory.Build(stub);

        var result = await services.Client().RefreshUserAsync(UserId, cancellationToken: Ct);

        Assert.False(result.Success);
        Assert.Equal("User 7aec8422 not found", result.Error);
    }

    [Fact]
    public async Task Refresh_RefusalEchoingTheKey_KeyMasked()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.BadRequest, $$"""{ "success": false, "error": "no sources for key {{ClientFactory.TestKey}}" }""");
        await using var services = ClientFactory.Build(stub);

        var result = await services.Client().RefreshUserAsync(UserId, cancellationToken: Ct);

        Assert.Equal("no sources for key ***", result.Error);
    }

    [Fact]
    public async Task Refresh_LongRefusal_ShortenedAsEveryUpstreamMessage()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.BadRequest, $$"""{"detail":"{{new string('x', 400)}}"}""");
        await using var services = ClientFactory.Build(stub);

        var result = await services.Client().RefreshUserAsync(UserId, cancellationToken: Ct);

        Assert.Equal(new string('x', 300) + "…", result.Error);
    }

    [Fact]
    public async Task Refresh_Accepted_StillRunning()
    {
        var stub = new StubHandler().ThenJson("""{ "success": true, "user_id": "u", "refreshed_sources": [], "in_progress_sources": ["oura/sleep"], "failed_sources": [] }""", HttpStatusCode.Accepted);
        await using var services = ClientFactory.Build(stub);

        var result = await services.Client().RefreshUserAsync(UserId, cancellationToken: Ct);

        Assert.True(result.StillRunning);
        Assert.Equal(["oura/sleep"], result.InProgress);
    }

    [Fact]
    public async Task Refresh_NoConnectedSources_RefusedInVitalsWordsNotAnError()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.BadRequest, """{ "error": "user has no connected sources", "failed_sources": [], "success": false, "user_id": "u" }""");
        await using var services = ClientFactory.Build(stub);

        var result = await services.Client().RefreshUserAsync(UserId, cancellationToken: Ct);

        Assert.False(result.Success);
        Assert.Equal("user has no connected sources", result.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, VitalErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, VitalErrorKind.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, VitalErrorKind.Unavailable)]
    public async Task Refresh_TransientFailure_NeverRetriedBehindThePersonsBack(HttpStatusCode status, VitalErrorKind kind)
    {
        var stub = new StubHandler().ThenStatus(status, """{"detail":"busy"}""");
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().RefreshUserAsync(UserId, cancellationToken: Ct));

        Assert.Equal(kind, error.Kind);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Refresh_429WithARetryAfterDateAlreadyPast_AsksForNoWaitNotANegativeOne()
    {
        var stub = new StubHandler().Then(_ =>
        {
            var response = StubHandler.Json("""{"detail":"Too Many Requests"}""", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-5));
            return response;
        });
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().RefreshUserAsync(UserId, cancellationToken: Ct));

        Assert.Equal(VitalErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
    }

    [Fact]
    public async Task Redirect_OnTheNewEndpoints_RefusedSoTheKeyGoesNowhereElse()
    {
        var stub = new StubHandler().Then(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri("https://attacker.test/steal");
            return response;
        });
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetConnectionsAsync(UserId, Ct));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.Single(stub.Requests);
        Assert.Contains("https://attacker.test", error.Message, StringComparison.Ordinal);
    }
}
