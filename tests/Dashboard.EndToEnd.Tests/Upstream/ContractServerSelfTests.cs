using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// <see cref="ContractServer"/> and <see cref="ContractTeam"/> themselves, without the dashboard: each endpoint answers
/// in CONTRACT.md's shapes, paging ends, unknown users and malformed ids get the documented answers, the refresh
/// limit holds, and the team carries the quirks it claims. Fast: a server of its own per test, in process.
/// </summary>
public sealed partial class ContractServerSelfTests : IAsyncLifetime
{
    private const string ApiKey = "sk_us_contract_server_self_test_key_01";

    private ContractServer _server = null!;
    private HttpClient _http = null!;
    private DateTimeOffset _now;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _now = DateTimeOffset.UtcNow;
        _server = await ContractServer.StartAsync(ContractTeam.Build(_now), ApiKey, _now, Ct);
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _http.DefaultRequestHeaders.Add("x-vital-api-key", ApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task HistoricalPulls_PagesShorterThanTheLimit_EndOnNone_EveryMemberOnce()
    {
        var (pages, users) = await WalkAsync(ContractServer.PullsPath, "user_limit=50");

        Assert.All(pages, p => Assert.InRange(p["data"]!.AsArray().Count, 1, ContractServer.PageSize));
        Assert.All(pages[..^1], p => Assert.NotEqual("None", (string?)p["next_cursor"]));
        Assert.Equal("None", (string?)pages[^1]["next_cursor"]);
        Assert.Null(pages[^1]["next"]);
        Assert.Equal([.. ContractTeam.Members, ""], users);
        // The deprecated link leads nowhere.
        using var next = await _http.GetAsync(new Uri((string)pages[0]["next"]!), Ct);
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    [Fact]
    public async Task Resources_PagesShorterThanTheLimit_LastPageHasNoNextCursorKey_FiltersHold()
    {
        var (pages, users) = await WalkAsync(ContractServer.ResourcesPath, "user_limit=50");
        var (onePage, oneUser) = await WalkAsync(ContractServer.ResourcesPath, $"user_id={ContractTeam.Healthy}");
        var (ouraPages, ouraUsers) = await WalkAsync(ContractServer.ResourcesPath, "provider=oura&user_limit=2");

        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.InRange(p["data"]!.AsArray().Count, 1, ContractServer.ResourcesPageSize));
        Assert.All(pages[..^1], p => Assert.NotNull((string?)p["next_cursor"]));
        Assert.False(pages[^1].ContainsKey("next_cursor"), pages[^1].ToJsonString());
        Assert.Null(pages[^1]["next"]);
        Assert.Equal(ContractTeam.Members.Count + 1, users.Count);
        Assert.Contains("", users);
        Assert.Equal([ContractTeam.Healthy], oneUser);
        Assert.Equal(["oura", "garmin"], onePage.Single()["data"]![0]!["provider"]!.AsObject().Select(p => p.Key));
        Assert.All(ouraPages, p => Assert.InRange(p["data"]!.AsArray().Count, 1, 2));
        Assert.All(ouraPages.SelectMany(p => p["data"]!.AsArray()), e => Assert.Equal(["oura"], e!["provider"]!.AsObject().Select(p => p.Key)));
        Assert.Equal([ContractTeam.Failing, ContractTeam.LegacyErrorAndInProgress, ContractTeam.Healthy, ContractTeam.ScopesDenied, ContractTeam.LastAttemptFailed], ouraUsers);

        // A cursor is bound to its endpoint and filters.
        var cursor = (string)pages[0]["next_cursor"]!;
        using var otherFilter = await _http.GetAsync(new Uri($"{ContractServer.ResourcesPath}?provider=oura&next_cursor={Uri.EscapeDataString(cursor)}", UriKind.Relative), Ct);
        using var otherEndpoint = await _http.GetAsync(new Uri($"{ContractServer.PullsPath}?next_cursor={Uri.EscapeDataString(cursor)}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, otherFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherEndpoint.StatusCode);
    }

    [Fact]
    public async Task UserAndResolve_AnswerTheSameObject_InTheDocumentedShape_ForEveryKnownUser()
    {
        foreach (var expected in ContractTeam.Expectations.Where(e => e.ClientUserId is not null))
        {
            var byId = await JsonAsync($"/v2/user/{expected.VitalUserId}");
            var byClient = await JsonAsync($"{ContractServer.ResolvePrefix}{Uri.EscapeDataString(expected.ClientUserId!)}");

            Assert.Equal(byId.ToJsonString(), byClient.ToJsonString());
            Assert.Equal(expected.VitalUserId, (string?)byId["user_id"]);
            Assert.Equal(expected.ClientUserId, (string?)byId["client_user_id"]);
            Assert.Equal(ContractTeam.TeamId, (string?)byId["team_id"]);
            Assert.True(DateTimeOffset.TryParse((string?)byId["created_on"], out _));
            Assert.True(byId.ContainsKey("fallback_time_zone"));
            foreach (var source in byId["connected_sources"]!.AsArray())
            {
                var named = source!["provider"] ?? source["source"];
                Assert.NotNull((string?)named?["slug"]);
                Assert.NotNull((string?)named?["name"]);
            }
        }

        // JSON as FastAPI writes it: non-ASCII characters and '+' as they are (the emoji, beyond the BMP, as an escaped pair).
        using var raw = await GetAsync($"/v2/user/{ContractTeam.AppleDelay}");
        var text = await raw.Content.ReadAsStringAsync(Ct);
        Assert.Contains("zoë-łukasz-山田-", text, StringComparison.Ordinal);
        Assert.Contains("+05:30", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_InTheDocumentedShape_AndOneSourceForEachConnection()
    {
        foreach (var expected in ContractTeam.Expectations.Where(e => e.ClientUserId is not null))
        {
            var body = await JsonAsync($"{ContractServer.ConnectionsPrefix}{expected.VitalUserId}");
            var user = await JsonAsync($"/v2/user/{expected.VitalUserId}");

            var providers = body["providers"]!.AsArray().Select(p => p!.AsObject()).ToList();
            Assert.Equal(user["connected_sources"]!.AsArray().Select(s => (string?)(s!["provider"] ?? s["source"])!["slug"]), providers.Select(p => (string?)p["slug"]));
            foreach (var connection in providers)
            {
                Assert.All(new[] { "name", "slug", "logo", "created_on", "status", "external_user_id", "error_details", "resource_availability" },
                    key => Assert.True(connection.ContainsKey(key), $"{expected.Name}: {key} missing"));
                Assert.Equal(ContractServer.SdkProviders.Contains((string)connection["slug"]!), connection["external_user_id"] is null);
                Assert.Equal((string?)connection["status"] == "error", connection["error_details"] is not null);
                Assert.All(connection["resource_availability"]!.AsObject(), r => Assert.Contains((string?)r.Value!["status"], new[] { "available", "unavailable" }));
            }
        }

        var none = await JsonAsync($"{ContractServer.ConnectionsPrefix}{ContractTeam.NoConnections}");
        Assert.Empty(none["providers"]!.AsArray());
    }

    [Fact]
    public async Task ResolvedClientIds_DecodedExactlyOnce_SoTwiceEncodedOrUnencodedIsNotFound()
    {
        foreach (var expected in ContractTeam.OddClientIds)
        {
            var once = Uri.EscapeDataString(expected.ClientUserId!);
            var twice = Uri.EscapeDataString(once);

            using var right = await GetAsync($"{ContractServer.ResolvePrefix}{once}");
            using var doubled = await GetAsync($"{ContractServer.ResolvePrefix}{twice}");

            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            // (The UUID-shaped id needs no encoding: twice is once.)
            Assert.Equal(once == twice ? HttpStatusCode.OK : HttpStatusCode.NotFound, doubled.StatusCode);
        }

        // Unencoded, a slash makes another path and a question mark starts the query: neither finds the user.
        using var slash = await GetAsync($"{ContractServer.ResolvePrefix}{ContractTeam.Row(nameof(ContractTeam.Retrying)).ClientUserId}");
        using var question = await GetAsync($"{ContractServer.ResolvePrefix}{ContractTeam.Row(nameof(ContractTeam.StuckScheduled)).ClientUserId}");
        // Form encoding (a space as '+') is not path encoding.
        using var form = await GetAsync($"{ContractServer.ResolvePrefix}{WebUtility.UrlEncode(ContractTeam.Row(nameof(ContractTeam.LowCoverageNoEnd)).ClientUserId)}");
        Assert.Equal(HttpStatusCode.NotFound, slash.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, question.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }

    [Fact]
    public async Task UnknownUsers_404WithADetail_OneUserPathAnswers400_ResolveOfAnUnknownClientId404()
    {
        using var unknown = await GetAsync($"/v2/user/{ContractTeam.NotOnTheTeam}");
        using var stranger = await GetAsync($"/v2/user/{ContractTeam.Stranger}");
        using var unknownConnections = await GetAsync($"{ContractServer.ConnectionsPrefix}{ContractTeam.NotOnTheTeam}");
        using var strangerConnections = await GetAsync($"{ContractServer.ConnectionsPrefix}{ContractTeam.Stranger}");
        using var resolve = await GetAsync($"{ContractServer.ResolvePrefix}nobody-here-0000");
        using var vitalIdAsClientId = await GetAsync($"{ContractServer.ResolvePrefix}{ContractTeam.Healthy}");
        var pulls = await JsonAsync($"{ContractServer.PullsPath}?user_id={ContractTeam.NotOnTheTeam}");
        var resources = await JsonAsync($"{ContractServer.ResourcesPath}?user_id={ContractTeam.NotOnTheTeam}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.String, JsonNode.Parse(await unknown.Content.ReadAsStringAsync(Ct))!["detail"]!.GetValueKind());
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal("""{"detail":"User not found"}""", await stranger.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknownConnections.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerConnections.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, vitalIdAsClientId.StatusCode);
        // The introspections cannot tell an unknown user from one without data.
        Assert.Empty(pulls["data"]!.AsArray());
        Assert.Empty(resources["data"]!.AsArray());
    }

    [Fact]
    public async Task MalformedIds_422FastApiStyle_NoKey401_WrongMethod405_OtherPaths404()
    {
        string[] malformed =
        [
            "/v2/user/not-a-uuid",
            $"{ContractServer.ConnectionsPrefix}not-a-uuid",
            $"{ContractServer.PullsPath}?user_id=not-a-uuid",
            $"{ContractServer.ResourcesPath}?user_id=not-a-uuid",
            $"{ContractServer.ResourcesPath}?user_limit=zero",
        ];
        foreach (var path in malformed)
        {
            using var response = await GetAsync(path);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]![0]!;
            Assert.NotNull((string?)detail["msg"]);
            Assert.NotNull((string?)detail["type"]);
            Assert.Equal(2, detail["loc"]!.AsArray().Count);
        }

        using var anonymous = new HttpClient { BaseAddress = _server.BaseAddress };
        foreach (var path in new[] { ContractServer.PullsPath, ContractServer.ResourcesPath, $"/v2/user/{ContractTeam.Healthy}", $"{ContractServer.ResolvePrefix}acme-0001", $"{ContractServer.ConnectionsPrefix}{ContractTeam.Healthy}" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var post = await _http.PostAsync(new Uri($"/v2/user/{ContractTeam.Healthy}", UriKind.Relative), null, Ct);
        using var getRefresh = await GetAsync($"{ContractServer.RefreshPrefix}{ContractTeam.Healthy}");
        using var delete = await _http.DeleteAsync(new Uri(ContractServer.PullsPath, UriKind.Relative), Ct);
        using var elsewhere = await GetAsync("/v2/users");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Refresh_SourcesByOutcome_SdkLeftOut_400WithoutConnections_429AfterEightAnHour()
    {
        var healthy = await RefreshAsync(ContractTeam.Healthy, HttpStatusCode.OK);
        var revoked = await RefreshAsync(ContractTeam.RevokedToken, HttpStatusCode.OK);
        var apple = await RefreshAsync(ContractTeam.AppleDelay, HttpStatusCode.OK);
        var pending = await RefreshAsync(ContractTeam.UnknownConnectionStatus, HttpStatusCode.Accepted);
        var none = await RefreshAsync(ContractTeam.NoConnections, HttpStatusCode.BadRequest);
        using var unknown = await _http.PostAsync(new Uri($"{ContractServer.RefreshPrefix}{ContractTeam.NotOnTheTeam}", UriKind.Relative), null, Ct);
        using var badTimeout = await _http.PostAsync(new Uri($"{ContractServer.RefreshPrefix}{ContractTeam.Healthy}?timeout=61", UriKind.Relative), null, Ct);

        Assert.True((bool)healthy["success"]!);
        Assert.Equal(["oura/sleep", "oura/heartrate", "garmin/activity"], Strings(healthy["refreshed_sources"]));
        Assert.Empty(healthy["in_progress_sources"]!.AsArray());
        Assert.Empty(healthy["failed_sources"]!.AsArray());
        Assert.Equal(["fitbit/sleep"], Strings(revoked["failed_sources"]));
        Assert.Empty(apple["refreshed_sources"]!.AsArray());
        Assert.Equal(["polar/sleep"], Strings(pending["in_progress_sources"]));
        Assert.False((bool)none["success"]!);
        Assert.Equal("user has no connected sources", (string?)none["error"]);
        Assert.Equal(ContractTeam.NoConnections, (string?)none["user_id"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTimeout.StatusCode);

        // Eight an hour per user: seven more for this one, then 429; another user is not affected.
        for (var i = 2; i <= ContractServer.RefreshesPerHour; i++)
        {
            await RefreshAsync(ContractTeam.Healthy, HttpStatusCode.OK);
        }

        using var ninth = await _http.PostAsync(new Uri($"{ContractServer.RefreshPrefix}{ContractTeam.Healthy}?timeout=5", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.StatusCode);
        await RefreshAsync(ContractTeam.Stale, HttpStatusCode.OK);
        Assert.Equal(ContractServer.RefreshesPerHour + 1 + 1, _server.Requests.Count(r => r.Method == "POST" && r.Path == ContractServer.RefreshPrefix + ContractTeam.Healthy));
    }

    [Fact]
    public async Task ConnectionsOutage_OnlyTheConnectionsEndpointAnswers503()
    {
        _server.ConnectionsOutage = true;

        using var connections = await GetAsync($"{ContractServer.ConnectionsPrefix}{ContractTeam.Healthy}");
        using var user = await GetAsync($"/v2/user/{ContractTeam.Healthy}");
        using var pulls = await GetAsync($"{ContractServer.PullsPath}?user_id={ContractTeam.Healthy}");
        using var resources = await GetAsync($"{ContractServer.ResourcesPath}?user_id={ContractTeam.Healthy}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, connections.StatusCode);
        Assert.Equal("text/html", connections.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pulls.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        Assert.Equal(1, _server.ConnectionsOutageAnswers);

        _server.ConnectionsOutage = false;
        using var back = await GetAsync($"{ContractServer.ConnectionsPrefix}{ContractTeam.Healthy}");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Requests_AreRecorded_MethodPathRawQueryKeyAndRawTarget()
    {
        var escaped = Uri.EscapeDataString(ContractTeam.Row(nameof(ContractTeam.Retrying)).ClientUserId!);
        using var anonymous = new HttpClient { BaseAddress = _server.BaseAddress };

        using var resolve = await GetAsync($"{ContractServer.ResolvePrefix}{escaped}?x=1");
        using var refused = await anonymous.GetAsync(new Uri($"{ContractServer.PullsPath}?provider=oura&user_limit=5", UriKind.Relative), Ct);
        using var refresh = await _http.PostAsync(new Uri($"{ContractServer.RefreshPrefix}{ContractTeam.Healthy}?timeout=5", UriKind.Relative), null, Ct);

        Assert.Equal(
            [
                new ContractRequest("GET", $"{ContractServer.ResolvePrefix}clinic-7%2Fpatient%2F0042", "?x=1", true, $"{ContractServer.ResolvePrefix}{escaped}?x=1"),
                new ContractRequest("GET", ContractServer.PullsPath, "?provider=oura&user_limit=5", false, $"{ContractServer.PullsPath}?provider=oura&user_limit=5"),
                new ContractRequest("POST", ContractServer.RefreshPrefix + ContractTeam.Healthy, "?timeout=5", true, $"{ContractServer.RefreshPrefix}{ContractTeam.Healthy}?timeout=5"),
            ],
            _server.Requests);
    }

    [Fact]
    public void Team_CarriesTheContractsQuirks_AndOneExpectationPerUser()
    {
        var data = ContractTeam.Build(_now);
        // Every string value, quoted (the JSON text itself escapes '+').
        var all = string.Concat(data.Users.Concat<JsonNode>(data.Connections.Values).Concat(data.Pulls).Concat(data.Resources).SelectMany(StringsWithin).Select(s => $"\"{s}\""));
        var connections = data.Connections.Values.SelectMany(c => c).Select(c => c!.AsObject()).ToList();

        // connected_sources[].source without provider, as in the spec's example.
        Assert.Contains(data.Users.SelectMany(u => u["connected_sources"]!.AsArray()), s => s!["source"] is not null && s["provider"] is null);
        // Times with Z, with +00:00, with microseconds, with another offset.
        Assert.Matches(TimeWithZ(), all);
        Assert.Matches(TimeWithUtcOffset(), all);
        Assert.Matches(TimeWithMicroseconds(), all);
        Assert.Matches(TimeWithOtherOffset(), all);
        // Open enumerations: an error_type and a connection status the spec does not list.
        string[] documentedErrors = ["token_refresh_failed", "webhook_registration_failed", "user_not_found", "deregistered_per_provider", "required_scopes_not_granted", "provider_credential_error", "provider_password_expired", "unknown"];
        Assert.Contains(connections, c => (string?)c["error_details"]?["error_type"] is { } type && !documentedErrors.Contains(type));
        Assert.Contains(connections, c => (string?)c["status"] is not ("connected" or "error" or "paused"));
        // The resources listing: an entry with an empty user_id, a resource without a last_attempt key.
        Assert.Contains(data.Resources, r => (string?)r["user_id"] == "");
        Assert.Contains(data.Resources.SelectMany(r => r["provider"]!.AsObject()).SelectMany(p => p.Value!.AsObject()), r => !r.Value!.AsObject().ContainsKey("last_attempt"));

        // One expectation per user; the known ones are users, the unknown ones are not; client ids are unique.
        Assert.Equal(ContractTeam.Expectations.Count, ContractTeam.Expectations.Select(e => e.VitalUserId).Distinct().Count());
        Assert.Equal(
            ContractTeam.Expectations.Where(e => e.ClientUserId is not null).Select(e => (e.VitalUserId, e.ClientUserId)),
            data.Users.Select(u => ((string)u["user_id"]!, (string?)u["client_user_id"])));
        Assert.All(ContractTeam.Expectations, e => Assert.All(e.Codes, c => Assert.True(ContractTeam.Severities.ContainsKey(c), $"{e.Name}: {c} is no code of ARCHITECTURE.md")));
        Assert.Equal(ContractTeam.Members, data.Pulls.Select(p => (string)p["user_id"]!).Where(id => id.Length > 0));
        Assert.DoesNotContain(ContractTeam.UuidShapedClientId, ContractTeam.Expectations.Select(e => e.VitalUserId));
        Assert.Equal(6, ContractTeam.OddClientIds.Count);
    }

    private async Task<(List<JsonObject> Pages, List<string> Users)> WalkAsync(string path, string query)
    {
        var pages = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await JsonAsync($"{path}?{query}{(cursor is null ? "" : "&next_cursor=" + Uri.EscapeDataString(cursor))}");
            pages.Add(page);
            cursor = (string?)page["next_cursor"];
            Assert.True(pages.Count < 100, "the walk does not end");
        }
        while (cursor is not (null or "" or "None"));

        return (pages, [.. pages.SelectMany(p => p["data"]!.AsArray()).Select(e => (string)e!["user_id"]!)]);
    }

    private async Task<JsonObject> RefreshAsync(string userId, HttpStatusCode status)
    {
        using var response = await _http.PostAsync(new Uri($"{ContractServer.RefreshPrefix}{userId}?timeout=5", UriKind.Relative), null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"{userId}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<JsonObject> JsonAsync(string relative)
    {
        using var response = await GetAsync(relative);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{relative}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private Task<HttpResponseMessage> GetAsync(string relative) => _http.GetAsync(new Uri(relative, UriKind.Relative), Ct);

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];

    /// <summary>Every string value anywhere inside <paramref name="node"/>.</summary>
    private static IEnumerable<string> StringsWithin(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(StringsWithin),
        JsonArray a => a.OfType<JsonNode>().SelectMany(StringsWithin),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [(string)v!],
        _ => [],
    };

    [GeneratedRegex(@"""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""")]
    private static partial Regex TimeWithZ();

    [GeneratedRegex(@"""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00""")]
    private static partial Regex TimeWithUtcOffset();

    [GeneratedRegex(@"""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00""")]
    private static partial Regex TimeWithMicroseconds();

    [GeneratedRegex(@"""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30""")]
    private static partial Regex TimeWithOtherOffset();
}
