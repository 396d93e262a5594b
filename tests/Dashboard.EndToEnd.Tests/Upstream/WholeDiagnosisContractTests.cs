using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// The whole diagnosis of ARCHITECTURE.md ("The whole diagnosis: user, connections, ongoing data"), asked of the real
/// dashboard process running against <see cref="ContractServer"/>: per user exactly the codes of
/// <see cref="ContractTeam.Expectations"/> (with the tables' severities), the customer's own id in the API and the
/// page routes (encoded once, whatever it holds), the new JSON fields, and only GETs reaching the upstream.
/// </summary>
[Collection(ContractServerCollection.Name)]
public sealed class WholeDiagnosisContractTests(ContractServerTests.Running running)
{
    private static readonly string[] SeverityOrder = ["ok", "info", "warning", "critical"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Users => [.. ContractTeam.Expectations.Select(e => e.Name)];

    public static TheoryData<string> UsersWithOddClientIds => [.. ContractTeam.OddClientIds.Select(e => e.Name)];

    /// <summary>Client ids a support person cannot have meant: refused before anything is asked of Vital.</summary>
    public static TheoryData<string> BadClientIds => [.. BadClientIdValues.Keys];

    /// <summary>Client ids no user of the team has, one of them the Vital id of a user who exists (it is not a client id).</summary>
    public static TheoryData<string> UnknownClientIds => ["nobody-here-0000", ContractTeam.Healthy, "ghost/with slash?"];

    private static Dictionary<string, string> BadClientIdValues { get; } = new(StringComparer.Ordinal)
    {
        ["empty"] = "",
        ["10,000 characters"] = new string('x', 10_000),
        ["NUL"] = "\0",
        ["control characters"] = "acme\u0001\u001f0001",
        ["CR/LF"] = "acme-0001\r\nSet-Cookie: pwned=1",
        ["DEL"] = "acme\u007f0001",
    };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Diagnosis_OfEachUser_HasExactlyTheExpectedCodes(string user)
    {
        var expected = ContractTeam.Row(user);

        var root = await DiagnosisAsync($"/api/users/{expected.VitalUserId}/diagnosis");

        Assert.Equal(expected.VitalUserId, root.GetProperty("userId").GetString());
        AssertCodes(expected.Codes, root);
    }

    [Theory]
    [MemberData(nameof(UsersWithOddClientIds))]
    public async Task DiagnosisByClientId_AnyCharacters_IsThatUsersDiagnosis(string user)
    {
        var expected = ContractTeam.Row(user);
        var escaped = Uri.EscapeDataString(expected.ClientUserId!);

        // A redirect to /api/users/{userId}/diagnosis (followed here) or the same body at once: both will do.
        var root = await DiagnosisAsync($"/api/users/by-client-id/{escaped}/diagnosis");
        using var markdown = await running.Dashboard.GetAsync(new Uri($"/api/users/by-client-id/{escaped}/diagnosis.md", UriKind.Relative), Ct);
        var text = await markdown.Content.ReadAsStringAsync(Ct);

        Assert.Equal(expected.VitalUserId, root.GetProperty("userId").GetString());
        Assert.Equal(expected.ClientUserId, root.GetProperty("clientUserId").GetString());
        AssertCodes(expected.Codes, root);
        Assert.True(markdown.StatusCode == HttpStatusCode.OK, $"{(int)markdown.StatusCode}: {text}");
        Assert.Contains(expected.VitalUserId, text, StringComparison.Ordinal);
        // Vital was asked for exactly that client id, encoded once.
        Assert.Contains(running.Server.Requests, r => r.Path.StartsWith(ContractServer.ResolvePrefix, StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.RawTarget.Split('?', 2)[0][ContractServer.ResolvePrefix.Length..]) == expected.ClientUserId);
    }

    [Theory]
    [MemberData(nameof(UsersWithOddClientIds))]
    [InlineData(nameof(ContractTeam.Healthy))]
    public async Task UserPageByClientId_LandsOnTheUserPage(string user)
    {
        var expected = ContractTeam.Row(user);

        using var response = await running.Dashboard.GetAsync(new Uri($"/users/by-client-id/{Uri.EscapeDataString(expected.ClientUserId!)}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/users/{expected.VitalUserId}", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(UnknownClientIds))]
    public async Task UnknownClientId_TheFriendlyNotFoundPage_AndA404Problem(string clientUserId)
    {
        var escaped = Uri.EscapeDataString(clientUserId);

        using var page = await running.Dashboard.GetAsync(new Uri($"/users/by-client-id/{escaped}", UriKind.Relative), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var api = await running.Dashboard.GetAsync(new Uri($"/api/users/by-client-id/{escaped}/diagnosis", UriKind.Relative), Ct);
        var problem = await api.Content.ReadAsStringAsync(Ct);

        Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"{(int)page.StatusCode} at {page.RequestMessage!.RequestUri}: {Excerpt(html)}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not found", html, StringComparison.OrdinalIgnoreCase);
        // It says which environment was asked (the key is a sandbox key).
        Assert.Contains("sandbox", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(api.StatusCode == HttpStatusCode.NotFound, $"{(int)api.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(problem);
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
        // Vital was asked (a client id is never taken for a Vital id, even one shaped like it).
        Assert.Contains(running.Server.Requests, r => r.Path.StartsWith(ContractServer.ResolvePrefix, StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.RawTarget.Split('?', 2)[0][ContractServer.ResolvePrefix.Length..]) == clientUserId);
    }

    [Theory]
    [MemberData(nameof(BadClientIds))]
    public async Task BadClientId_400_AndNothingAskedOfTheServer(string name)
    {
        var value = BadClientIdValues[name];
        var escaped = Uri.EscapeDataString(value);
        var before = running.Server.Requests.Count;

        using var api = await running.Dashboard.GetAsync(new Uri($"/api/users/by-client-id/{escaped}/diagnosis", UriKind.Relative), Ct);
        var problem = await api.Content.ReadAsStringAsync(Ct);
        using var page = await running.Dashboard.GetAsync(new Uri($"/users/by-client-id/{escaped}", UriKind.Relative), Ct);

        // 10,000 characters make a request line longer than the dashboard's 8 KB limit (RequestLimits, pinned by
        // HardeningTests): Kestrel refuses it with 414 before any route runs. Either way a client error, and nothing asked.
        HttpStatusCode[] refused = value.Length > 8 * 1024 ? [HttpStatusCode.BadRequest, HttpStatusCode.RequestUriTooLong] : [HttpStatusCode.BadRequest];
        Assert.True(refused.Contains(api.StatusCode), $"API: {(int)api.StatusCode}: {Excerpt(problem)}");
        Assert.True(refused.Contains(page.StatusCode), $"page: {(int)page.StatusCode}");
        // Kestrel itself refuses a NUL in the path with a bare 400 before any route runs; a 400 the dashboard writes is a problem.
        if (api.StatusCode == HttpStatusCode.BadRequest && problem.Length > 0)
        {
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        }

        var during = running.Server.Requests.Skip(before).ToList();
        Assert.DoesNotContain(during, r => r.Path.StartsWith(ContractServer.ResolvePrefix, StringComparison.Ordinal));
        if (escaped.Length > 0)
        {
            Assert.DoesNotContain(during, r => r.RawTarget.Contains(escaped.Length > 64 ? escaped[..64] : escaped, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task NormalUser_TheDiagnosisCarriesUserConnectionsFreshnessAndSources()
    {
        var expected = ContractTeam.Row(nameof(ContractTeam.Healthy));
        var user = running.Data.Users.Single(u => (string?)u["user_id"] == expected.VitalUserId);

        var root = await DiagnosisAsync($"/api/users/{expected.VitalUserId}/diagnosis");

        AssertCodes([], root);
        Assert.Equal(expected.ClientUserId, root.GetProperty("clientUserId").GetString());
        Assert.Equal(ContractTeam.TeamId, root.GetProperty("teamId").GetString());
        Assert.Equal("sandbox", root.GetProperty("environment").GetString());
        Assert.Equal("us", root.GetProperty("region").GetString(), ignoreCase: true);

        var about = root.GetProperty("user");
        AssertSameInstant((string)user["created_on"]!, about.GetProperty("createdOn"));
        Assert.StartsWith((string)user["ingestion_start"]!, about.GetProperty("ingestionStart").GetString(), StringComparison.Ordinal);
        Assert.StartsWith((string)user["ingestion_end"]!, about.GetProperty("ingestionEnd").GetString(), StringComparison.Ordinal);
        // The user object names its sources only under connected_sources[].source, as the spec's example does.
        var sources = about.GetProperty("connectedSources");
        Assert.Equal(2, sources.GetArrayLength());
        Assert.Contains("\"oura\"", sources.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"garmin\"", sources.GetRawText(), StringComparison.Ordinal);

        foreach (var slug in new[] { "oura", "garmin" })
        {
            var connection = ConnectionOf(root, slug);
            var upstream = running.Data.Connections[expected.VitalUserId].Select(c => c!.AsObject()).Single(c => (string?)c["slug"] == slug);
            Assert.Equal("connected", connection.GetProperty("status").GetString());
            Assert.Equal((string?)upstream["external_user_id"], connection.GetProperty("externalUserId").GetString());
            Assert.True(!connection.TryGetProperty("errorType", out var errorType) || errorType.ValueKind == JsonValueKind.Null, connection.GetRawText());
        }

        foreach (var (slug, resource) in new[] { ("oura", "sleep"), ("garmin", "activity") })
        {
            var ongoing = Ongoing(expected.VitalUserId, slug, resource);
            var freshness = ResourceOf(root, slug, resource).GetProperty("freshness");
            AssertSameInstant((string)ongoing["newest_data"]!, freshness.GetProperty("newestData"));
            AssertSameInstant((string)ongoing["oldest_data"]!, freshness.GetProperty("oldestData"));
            AssertSameInstant((string)ongoing["last_attempt"]!["timestamp"]!, freshness.GetProperty("lastAttemptAt"));
            Assert.Equal("success", freshness.GetProperty("lastAttemptStatus").GetString());
            Assert.Equal((int)ongoing["sent_count"]!, freshness.GetProperty("sentCount").GetInt32());
        }

        var read = root.GetProperty("sources");
        foreach (var source in new[] { "user", "connections", "historicalPulls", "resources" })
        {
            Assert.Equal("ok", read.GetProperty(source).GetString());
        }

        Assert.All(read.EnumerateObject(), p => Assert.Equal("ok", p.Value.GetString()));
    }

    [Fact]
    public async Task Freshness_TimesWrittenWithAnOffset_AreTheSameInstantsInUtc()
    {
        var ongoing = Ongoing(ContractTeam.Quiet, "withings", "weight");
        Assert.EndsWith("+05:30", (string)ongoing["newest_data"]!, StringComparison.Ordinal);

        var root = await DiagnosisAsync($"/api/users/{ContractTeam.Quiet}/diagnosis");

        var freshness = ResourceOf(root, "withings", "weight").GetProperty("freshness");
        AssertSameInstant((string)ongoing["newest_data"]!, freshness.GetProperty("newestData"));
        AssertSameInstant((string)ongoing["last_attempt"]!["timestamp"]!, freshness.GetProperty("lastAttemptAt"));
    }

    [Fact]
    public async Task Connections_ErrorsStatusesAndDeniedScopes_AsVitalSaidThem()
    {
        var revoked = ConnectionOf(await DiagnosisAsync($"/api/users/{ContractTeam.RevokedToken}/diagnosis"), "fitbit");
        var password = await DiagnosisAsync($"/api/users/{ContractTeam.PasswordExpired}/diagnosis");
        var unknownType = ConnectionOf(await DiagnosisAsync($"/api/users/{ContractTeam.UnknownErrorType}/diagnosis"), "withings");
        var unknownStatus = ConnectionOf(await DiagnosisAsync($"/api/users/{ContractTeam.UnknownConnectionStatus}/diagnosis"), "polar");
        var denied = await DiagnosisAsync($"/api/users/{ContractTeam.ScopesDenied}/diagnosis");
        var mixed = await DiagnosisAsync($"/api/users/{ContractTeam.ScopesDeniedAndNotPulled}/diagnosis");

        var revokedUpstream = Connection(ContractTeam.RevokedToken, "fitbit")["error_details"]!;
        Assert.Equal("error", revoked.GetProperty("status").GetString());
        Assert.Equal("token_refresh_failed", revoked.GetProperty("errorType").GetString());
        Assert.Equal((string)revokedUpstream["error_message"]!, revoked.GetProperty("errorMessage").GetString());
        AssertSameInstant((string)revokedUpstream["errored_at"]!, revoked.GetProperty("erroredAt"));

        // errored_at written with +05:30.
        var passwordConnection = ConnectionOf(password, "abbott_libreview");
        Assert.Equal("provider_password_expired", passwordConnection.GetProperty("errorType").GetString());
        AssertSameInstant((string)Connection(ContractTeam.PasswordExpired, "abbott_libreview")["error_details"]!["errored_at"]!, passwordConnection.GetProperty("erroredAt"));
        Assert.Equal("abbott_libreview", Finding(password, "connection_error").GetProperty("provider").GetString());

        // Open enumerations: shown verbatim.
        Assert.Equal("provider_account_suspended", unknownType.GetProperty("errorType").GetString());
        Assert.Equal("pending_reauthorization", unknownStatus.GetProperty("status").GetString());

        // Denied scopes: on the connection, and as the finding's evidence; the not-pulled resource they explain is not reported again.
        Assert.Equal(["workout"], DeniedScopes(ConnectionOf(denied, "oura"), "workouts"));
        var scopes = Finding(denied, "scopes_denied");
        Assert.Equal("oura", scopes.GetProperty("provider").GetString());
        Assert.Equal(["workouts"], Strings(scopes.GetProperty("evidence").GetProperty("resources")));
        Assert.Equal(["workout"], Strings(scopes.GetProperty("evidence").GetProperty("scopes")));
        Assert.Equal(["blood_oxygen"], Strings(Finding(mixed, "resources_not_pulled").GetProperty("evidence").GetProperty("resources")));
        Assert.Equal(["sleep"], Strings(Finding(mixed, "scopes_denied").GetProperty("evidence").GetProperty("resources")));
    }

    [Fact]
    public async Task OnlyGet_ReachesTheServer_NeverTheRefresh_AlwaysWithTheKey()
    {
        // At least one diagnosis of each kind has been asked (whatever order the tests ran in).
        await DiagnosisAsync($"/api/users/{ContractTeam.Healthy}/diagnosis");
        await DiagnosisAsync($"/api/users/by-client-id/{Uri.EscapeDataString(ContractTeam.UuidShapedClientId)}/diagnosis");

        var requests = running.Server.Requests.ToList();

        Assert.All(requests, r => Assert.True(r.Method == "GET", $"{r.Method} {r.RawTarget} reached the upstream"));
        Assert.DoesNotContain(requests, r => r.Path.StartsWith(ContractServer.RefreshPrefix, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.True(r.KeyMatched, $"{r.Method} {r.RawTarget} came without the key"));
        foreach (var path in new[] { "/v2/user/" + ContractTeam.Healthy, ContractServer.ConnectionsPrefix + ContractTeam.Healthy })
        {
            Assert.Contains(requests, r => r.Path == path);
        }

        Assert.Contains(requests, r => r.Path == ContractServer.ResourcesPath);
        Assert.Contains(requests, r => r.Path == ContractServer.PullsPath);
    }

    /// <summary>The diagnosis at <paramref name="route"/>: 200 and JSON, or a failure that shows what came instead.</summary>
    private async Task<JsonElement> DiagnosisAsync(string route)
    {
        using var response = await running.Dashboard.GetAsync(new Uri(route, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} at {response.RequestMessage!.RequestUri}: {Excerpt(body)}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Exactly these codes (sorted), each with its table's severity, and <c>overall</c> the worst of them.</summary>
    internal static void AssertCodes(IEnumerable<string> expected, JsonElement root)
    {
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var codes = findings.Select(f => f.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), codes);
        foreach (var finding in findings)
        {
            var code = finding.GetProperty("code").GetString()!;
            Assert.Equal(ContractTeam.Severities[code], finding.GetProperty("severity").GetString());
        }

        var worst = findings.Select(f => f.GetProperty("severity").GetString()!).Append("ok").MaxBy(s => Array.IndexOf(SeverityOrder, s));
        Assert.Equal(worst, root.GetProperty("overall").GetString());
    }

    internal static JsonElement Finding(JsonElement root, string code) =>
        root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code);

    /// <summary>One provider's connection, whether <c>connections</c> is an array of objects naming their provider or an object keyed by provider.</summary>
    private static JsonElement ConnectionOf(JsonElement root, string slug)
    {
        var connections = root.GetProperty("connections");
        if (connections.ValueKind == JsonValueKind.Object)
        {
            return connections.GetProperty(slug);
        }

        return connections.EnumerateArray().Single(c =>
            (c.TryGetProperty("provider", out var provider) ? provider.GetString() : c.TryGetProperty("slug", out var s) ? s.GetString() : null) == slug);
    }

    /// <summary>The scopes denied for one unavailable resource, whichever of the natural shapes <c>unavailableResources</c> takes.</summary>
    private static string[] DeniedScopes(JsonElement connection, string resource)
    {
        var unavailable = connection.GetProperty("unavailableResources");
        var entry = unavailable.ValueKind == JsonValueKind.Object
            ? unavailable.GetProperty(resource)
            : unavailable.EnumerateArray().Single(r => r.GetProperty("resource").GetString() == resource);
        return Strings(entry.ValueKind == JsonValueKind.Array ? entry : entry.GetProperty("deniedScopes"));
    }

    private static JsonElement ResourceOf(JsonElement root, string slug, string resource) =>
        root.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == slug)
            .GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("resource").GetString() == resource);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The same instant (to the second: the upstream writes seconds or microseconds), written in UTC with a Z.</summary>
    private static void AssertSameInstant(string upstream, JsonElement actual)
    {
        var text = actual.GetString();
        Assert.NotNull(text);
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
        var expected = DateTimeOffset.Parse(upstream, CultureInfo.InvariantCulture);
        var got = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.True((got - expected).Duration() < TimeSpan.FromSeconds(1), $"{text} is not {upstream}");
    }

    private JsonObject Connection(string userId, string slug) =>
        running.Data.Connections[userId].Select(c => c!.AsObject()).Single(c => (string?)c["slug"] == slug);

    private JsonObject Ongoing(string userId, string slug, string resource) =>
        running.Data.Resources.Single(e => (string?)e["user_id"] == userId)["provider"]![slug]![resource]!.AsObject();

    private static string Excerpt(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
