using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Security;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Refresh;

/// <summary>
/// <c>POST /api/users/{userId}/refresh</c> behind a trusted proxy: operators only, with a page's antiforgery token,
/// within Vital's 8 per user per hour, never retried, audited, and the user's cached answers dropped.
/// </summary>
public sealed partial class ManualRefreshEndpointTests
{
    private const string Proxy = "10.0.0.5";
    private const string Email = "X-Forwarded-Email";
    private const string Groups = "X-Forwarded-Groups";
    private const string OperatorEmail = "olga@example.com";

    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) =>
        TrustedProxy([("Auth:Roles:operator:0", "support-operators"), ("Api:RequestsPerMinute", "1000"), ("Auth:TrustedProxy:SignOutUrl", "/oauth2/sign_out"), .. extra]);

    private static (CountingHandler Upstream, VitalSimulator Simulator) Simulated(int users = 40)
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = users, Seed = 3 }, TimeProvider.System);
        return (new CountingHandler(new VitalSimulatorHandler(simulator)), simulator);
    }

    /// <summary>Opens the user's page as <paramref name="email"/> and reads the antiforgery token it carries (the cookie stays in the client).</summary>
    private static async Task<string> TokenAsync(HttpClient client, string userId, string email, string groups)
    {
        using var page = await client.SendAsync(Get($"/users/{userId}", Proxy, (Email, email), (Groups, groups), ("Accept", "text/html")), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = TokenPattern().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The page carries an antiforgery token.");
        return WebUtility.HtmlDecode(token);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userId, string? token, string email = OperatorEmail, string groups = "support-operators")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{userId}/refresh");
        request.Headers.Add(TestPeerStartupFilter.Header, Proxy);
        request.Headers.Add(Email, email);
        request.Headers.Add(Groups, groups);
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static int Posts(CountingHandler upstream)
    {
        lock (upstream.Requests)
        {
            return upstream.Requests.Count(r => r.Method == HttpMethod.Post);
        }
    }

    private static JsonElement Json(HttpResponseMessage response) =>
        JsonDocument.Parse(response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult()).RootElement;

    [Fact]
    public async Task Operator_WithThePagesToken_AsksVitalOnceAndSaysWhatItDid()
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        var sink = new InMemorySink();
        await using var factory = Factory(Settings(), upstream, sink);
        using var client = Client(factory);
        var token = await TokenAsync(client, user, OperatorEmail, "support-operators");

        using var response = await PostAsync(client, user, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Json(response);
        Assert.Contains(body.GetProperty("outcome").GetString(), new[] { "refreshed", "in_progress" });
        Assert.Equal(user, body.GetProperty("userId").GetString());
        Assert.Equal(7, body.GetProperty("refreshesLeft").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("summary").GetString()));
        Assert.Equal(1, Posts(upstream));
        lock (upstream.Requests)
        {
            var post = Assert.Single(upstream.Requests, r => r.Method == HttpMethod.Post);
            Assert.Equal($"/v2/user/refresh/{user}", post.RequestUri!.AbsolutePath);
        }

        var audit = Assert.Single(sink.From(AuditLog.Category), e => e.Properties["AuditAction"].ToString() == nameof(AuditAction.ManualRefresh));
        Assert.Contains(OperatorEmail, audit.Properties["Actor"].ToString(), StringComparison.Ordinal);
        Assert.Contains(user, audit.Properties["SubjectUserId"].ToString(), StringComparison.Ordinal);
        Assert.Contains("outcome=", audit.Properties["AuditDetail"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_Is403NamingTheRole_AndVitalIsNotAsked()
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        await using var factory = Factory(Settings(), upstream);
        using var client = Client(factory);
        var token = await TokenAsync(client, user, "vera@example.com", "staff");

        using var response = await PostAsync(client, user, token, "vera@example.com", "staff");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("operator", Json(response).GetProperty("role").GetString());
        Assert.Equal(0, Posts(upstream));
    }

    [Fact]
    public async Task SignInOff_NobodyIsAnOperator()
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        await using var factory = Factory(Anonymous(), upstream);
        using var client = Client(factory);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/refresh");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, Posts(upstream));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("CfDJ8-forged-token")]
    public async Task Operator_WithoutAValidToken_Is400AndVitalIsNotAsked(string? token)
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        var sink = new InMemorySink();
        await using var factory = Factory(Settings(), upstream, sink);
        using var client = Client(factory);

        using var response = await PostAsync(client, user, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("antiforgery", Json(response).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Posts(upstream));
        Assert.DoesNotContain(sink.From(AuditLog.Category), e => e.Properties["AuditAction"].ToString() == nameof(AuditAction.ManualRefresh));
    }

    [Fact]
    public async Task NinthInAnHour_Is429WithRetryAfter_AndVitalHearsOnlyEight()
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        await using var factory = Factory(Settings(), upstream);
        using var client = Client(factory);
        var token = await TokenAsync(client, user, OperatorEmail, "support-operators");

        for (var i = 0; i < 8; i++)
        {
            using var ok = await PostAsync(client, user, token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var ninth = await PostAsync(client, user, token);

        Assert.Equal((HttpStatusCode)429, ninth.StatusCode);
        Assert.True(ninth.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(59), $"Retry-After {ninth.Headers.RetryAfter}");
        var body = Json(ninth);
        Assert.Equal("limit_reached", body.GetProperty("outcome").GetString());
        Assert.Equal(0, body.GetProperty("refreshesLeft").GetInt32());
        Assert.Contains("was not asked", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, Posts(upstream));
    }

    [Fact]
    public async Task TwoReplicasOnOneDatabase_CountTheSameAllowance()
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        var folder = Directory.CreateTempSubdirectory("refresh-replicas-");
        try
        {
            var store = ("Store:ConnectionString", (string?)$"Data Source={Path.Combine(folder.FullName, "shared.db")}");
            await using var first = Factory(Settings(store), upstream);
            await using var second = Factory(Settings(store), upstream);
            using var one = Client(first);
            using var two = Client(second);
            var tokenOne = await TokenAsync(one, user, OperatorEmail, "support-operators");
            var tokenTwo = await TokenAsync(two, user, OperatorEmail, "support-operators");

            for (var i = 0; i < 8; i++)
            {
                using var ok = await PostAsync(i % 2 == 0 ? one : two, user, i % 2 == 0 ? tokenOne : tokenTwo);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            using var ninth = await PostAsync(two, user, tokenTwo);

            Assert.Equal((HttpStatusCode)429, ninth.StatusCode);
            Assert.Equal("limit_reached", Json(ninth).GetProperty("outcome").GetString());
            Assert.Equal(8, Posts(upstream));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task UserWithoutConnections_VitalsRefusalIsExplained()
    {
        var (upstream, simulator) = Simulated(users: 1000);
        var user = simulator.Team.Scenarios[ScenarioNames.NoConnections];
        await using var factory = Factory(Settings(), upstream);
        using var client = Client(factory);
        var token = await TokenAsync(client, user, OperatorEmail, "support-operators");

        using var response = await PostAsync(client, user, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = Json(response);
        Assert.Equal("refused", body.GetProperty("outcome").GetString());
        Assert.Contains("no connected source", body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("connect", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Posts(upstream));
    }

    [Fact]
    public async Task VitalAnswers429_ExplainedAndNeverRetried()
    {
        var (inner, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        var upstream = new CountingHandler(new RefusingRefreshes(inner));
        await using var factory = Factory(Settings(), upstream);
        using var client = Client(factory);
        var token = await TokenAsync(client, user, OperatorEmail, "support-operators");

        using var response = await PostAsync(client, user, token);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("rate_limited_by_vital", Json(response).GetProperty("outcome").GetString());
        Assert.Contains("not asked again automatically", Json(response).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Posts(upstream));
    }

    [Fact]
    public async Task AfterARefresh_TheUsersNextReadAsksVitalAgain()
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First(simulator.Team.UsersWithPulls.Contains);
        await using var factory = Factory(Settings(("Vital:CacheSeconds", "600")), upstream);
        using var client = Client(factory);
        var token = await TokenAsync(client, user, OperatorEmail, "support-operators");
        int PullReads()
        {
            lock (upstream.Requests)
            {
                return upstream.Requests.Count(r => r.RequestUri!.AbsolutePath.EndsWith("historical_pull", StringComparison.Ordinal) && r.RequestUri.Query.Contains(user, StringComparison.Ordinal));
            }
        }

        using (var first = await client.SendAsync(Get($"/api/users/{user}/diagnosis", Proxy, (Email, OperatorEmail)), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var cached = PullReads();
        using (var again = await client.SendAsync(Get($"/api/users/{user}/diagnosis", Proxy, (Email, OperatorEmail)), TestContext.Current.CancellationToken))
        {
            Assert.Equal(cached, PullReads());
        }

        using var refresh = await PostAsync(client, user, token);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using var after = await client.SendAsync(Get($"/api/users/{user}/diagnosis", Proxy, (Email, OperatorEmail)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(cached + 1, PullReads());
    }

    /// <summary>A GET finds no such page (the not-found page); other writes are 405.</summary>
    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_AreRefused_AndVitalIsNotAsked(string method)
    {
        var (upstream, simulator) = Simulated();
        var user = simulator.Team.UsersWithConnections.First();
        await using var factory = Factory(Settings(), upstream);
        using var client = Client(factory);

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/users/{user}/refresh");
        request.Headers.Add(TestPeerStartupFilter.Header, Proxy);
        request.Headers.Add(Email, OperatorEmail);
        request.Headers.Add(Groups, "support-operators");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(method == "GET" ? HttpStatusCode.NotFound : HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(0, Posts(upstream));
    }

    [Fact]
    public async Task NotAUserId_Is400()
    {
        var (upstream, _) = Simulated();
        await using var factory = Factory(Settings(), upstream);
        using var client = Client(factory);

        using var response = await PostAsync(client, "not-a-user", "token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Posts(upstream));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Vital's own limit reached: every refresh answers 429; everything else passes through.</summary>
    private sealed class RefusingRefreshes(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Post
                ? Task.FromResult(new HttpResponseMessage((HttpStatusCode)429)
                {
                    Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(20)) },
                    Content = new StringContent("{\"detail\":\"Too many requests\"}", System.Text.Encoding.UTF8, "application/json"),
                })
                : base.SendAsync(request, cancellationToken);
    }
}
