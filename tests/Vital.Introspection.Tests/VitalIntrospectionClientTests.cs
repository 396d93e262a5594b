using System.Net;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

public sealed class VitalIntrospectionClientTests
{
    private const string UserId = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    private const string OnePull = """
        { "data": [ { "user_id": "7aec8422-8174-4464-a4b2-b04c5939be0d", "provider": { "oura": { "pulled": {
            "sleep": { "status": "success", "timeline": { "scheduled_at": "2025-11-28T10:00:01+00:00" }, "days_with_data": 3, "release": "r" } },
            "not_pulled": [] } } } ], "next": null, "next_cursor": null }
        """;

    [Fact]
    public async Task GetUser_SendsUserIdProviderAndLimit_AndTheKeyOnlyInItsHeader()
    {
        var stub = new StubHandler().ThenJson(OnePull);
        await using var services = ClientFactory.Build(stub);

        var user = await services.Client().GetUserAsync(UserId, ProviderSlug.Oura, TestContext.Current.CancellationToken);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("https://vital.test/v2/introspect/historical_pull", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal(UserId, request.Query["user_id"]);
        Assert.Equal("oura", request.Query["provider"]);
        Assert.Equal("50", request.Query["user_limit"]);
        Assert.False(request.Query.ContainsKey("cursor"));
        Assert.False(request.Query.ContainsKey("next_cursor"));
        Assert.Equal(ClientFactory.TestKey, request.Headers["x-vital-api-key"]);
        Assert.DoesNotContain(request.Headers, h => h.Key != "x-vital-api-key" && h.Value.Contains(ClientFactory.TestKey, StringComparison.Ordinal));
        Assert.DoesNotContain(ClientFactory.TestKey, request.Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal(UserId, user.UserId);
        Assert.Equal(PullStatus.Success, user.Providers[ProviderSlug.Oura].Pulled[ResourceName.Sleep].Status);
    }

    [Fact]
    public async Task GetUser_UpstreamHasNoData_ReturnsUserWithoutProviders()
    {
        var stub = new StubHandler().ThenJson("""{ "data": [], "next": null, "next_cursor": null }""");
        await using var services = ClientFactory.Build(stub);

        var user = await services.Client().GetUserAsync(UserId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UserId, user.UserId);
        Assert.Empty(user.Providers);
    }

    [Fact]
    public async Task GetUser_UpstreamEchoesEmptyUserId_TakesTheFilteredEntryAsThisUser()
    {
        var stub = new StubHandler().ThenJson(OnePull.Replace(UserId, string.Empty, StringComparison.Ordinal));
        await using var services = ClientFactory.Build(stub);

        var user = await services.Client().GetUserAsync(UserId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(UserId, user.UserId);
        Assert.Single(user.Providers);
    }

    [Fact]
    public async Task GetAllUsers_FollowsNextCursorUntilNone_AndNeverSendsTheDeprecatedCursor()
    {
        var stub = new StubHandler()
            .ThenJson("""{ "data": [ { "user_id": "a", "provider": {} } ], "next": "old", "next_cursor": "c1" }""")
            .ThenJson("""{ "data": [], "next": null, "next_cursor": "c/2+=" }""")
            .ThenJson("""{ "data": [ { "user_id": "b", "provider": {} }, { "user_id": "c", "provider": {} } ], "next_cursor": "None" }""");
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:UserLimit"] = "2" });

        var users = new List<string>();
        await foreach (var user in services.Client().GetAllUsersAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            users.Add(user.UserId);
        }

        Assert.Equal(["a", "b", "c"], users);
        Assert.Equal(3, stub.Requests.Count);
        Assert.False(stub.Requests[0].Query.ContainsKey("next_cursor"));
        Assert.Equal("c1", stub.Requests[1].Query["next_cursor"]);
        Assert.Equal("c/2+=", stub.Requests[2].Query["next_cursor"]);
        Assert.All(stub.Requests, r => Assert.False(r.Query.ContainsKey("cursor")));
        Assert.All(stub.Requests, r => Assert.Equal("2", r.Query["user_limit"]));
    }

    [Fact]
    public async Task GetPages_CursorRepeats_StopsWithMalformedResponseInsteadOfLoopingForever()
    {
        var stub = new StubHandler().ThenJson("""{ "data": [ { "user_id": "a", "provider": {} } ], "next_cursor": "same" }""");
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(async () =>
        {
            await foreach (var _ in services.Client().GetPagesAsync(cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(2, stub.Requests.Count);
    }

    public static TheoryData<HttpStatusCode, string, VitalErrorKind, string> ErrorAnswers => new()
    {
        { HttpStatusCode.Unauthorized, """{"detail":"Invalid API key"}""", VitalErrorKind.Unauthorized, "Vital:ApiKey" },
        { HttpStatusCode.Forbidden, """{"detail":"Forbidden"}""", VitalErrorKind.Forbidden, "Vital:ApiKey" },
        { HttpStatusCode.NotFound, """{"detail":"Not Found"}""", VitalErrorKind.NotFound, "Vital:BaseUrl" },
        { HttpStatusCode.BadRequest, """{"detail":"bad things"}""", VitalErrorKind.Validation, "bad things" },
    };

    [Theory]
    [MemberData(nameof(ErrorAnswers))]
    public async Task GetPage_ErrorStatus_BecomesTypedErrorInPlainWordsWithoutRetrying(
        HttpStatusCode status, string body, VitalErrorKind kind, string mentioned)
    {
        var stub = new StubHandler().ThenStatus(status, body);
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(kind, error.Kind);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientFactory.TestKey, error.ToString(), StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task GetPage_FastApiValidationError_CarriesEachLocationAndMessage()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.UnprocessableEntity, """
            {"detail":[{"type":"uuid_parsing","loc":["query","user_id"],"msg":"Input should be a valid UUID","input":"nope"}]}
            """);
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetUserAsync("nope", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.Validation, error.Kind);
        Assert.Equal(422, error.StatusCode);
        var issue = Assert.Single(error.ValidationErrors);
        Assert.Equal("query.user_id", issue.Location);
        Assert.Equal("Input should be a valid UUID", issue.Message);
        Assert.Equal("uuid_parsing", issue.Type);
        Assert.Contains("query.user_id: Input should be a valid UUID", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Bad gateway</body></html>")]
    [InlineData("application/json", "{\"data\": [")]
    [InlineData("text/plain", "oops")]
    public async Task GetPage_SuccessStatusWithUnreadableBody_IsMalformedResponse(string mediaType, string body)
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.OK, body, mediaType);
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.DoesNotContain(body, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPage_HtmlErrorPageFromProxy_IsUnavailableAfterRetries()
    {
        var stub = new StubHandler().ThenStatus(HttpStatusCode.BadGateway, "<html>502</html>", "text/html");
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "1" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.Unavailable, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task GetPage_ConnectionRefused_IsNetworkErrorNamingTheHostNotTheKey()
    {
        var stub = new StubHandler().Then(_ => throw new HttpRequestException("Connection refused"));
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "1" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.Network, error.Kind);
        Assert.Contains("vital.test", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task GetPage_CallerCancels_PropagatesCancellationNotAnError()
    {
        var stub = new StubHandler().ThenJson(OnePull);
        await using var services = ClientFactory.Build(stub);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.Client().GetPageAsync(new HistoricalPullPageRequest(), cancelled.Token));
    }

    [Theory]
    [InlineData("pk_us_abc", "https://api.us.junction.com/")]
    [InlineData("pk_eu_abc", "https://api.eu.junction.com/")]
    [InlineData("sk_us_abc", "https://api.sandbox.us.junction.com/")]
    [InlineData("sk_eu_abc", "https://api.sandbox.eu.junction.com/")]
    public async Task BaseUrl_NotConfigured_FollowsTheKeyPrefix(string key, string expectedBase)
    {
        var stub = new StubHandler().ThenJson("""{ "data": [], "next_cursor": null }""");
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:ApiKey"] = key, ["Vital:BaseUrl"] = null });

        await services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(expectedBase + VitalIntrospectionClient.Path, Assert.Single(stub.Requests).Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task BaseUrl_ConfiguredWithPath_KeepsThePathPrefix()
    {
        var stub = new StubHandler().ThenJson("""{ "data": [], "next_cursor": null }""");
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:ApiKey"] = "pk_eu_abc", ["Vital:BaseUrl"] = "https://proxy.internal:8080/vital" });

        await services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("https://proxy.internal:8080/vital/v2/introspect/historical_pull", Assert.Single(stub.Requests).Uri.GetLeftPart(UriPartial.Path));
    }
}
