using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Security;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Refresh;

/// <summary>
/// The product writes to Vital in one place only: every page, export and lookup, walked by someone holding every role,
/// sends Vital nothing but GETs; the manual refresh is the one POST, to <c>/v2/user/refresh/{user_id}</c>.
/// </summary>
public sealed partial class UpstreamWritesTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task EveryPageAndExport_OnlyGets_TheManualRefreshIsTheOnePost()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 60, Seed = 3 }, TimeProvider.System);
        var upstream = new CountingHandler(new VitalSimulatorHandler(simulator));
        var user = simulator.Team.UsersWithConnections.First(simulator.Team.UsersWithPulls.Contains);
        var clientUserId = simulator.Team.ClientUserIdOf(user)!;
        var provider = simulator.Team.UsersPerProvider.Keys.First();
        var settings = TrustedProxy(
            ("Auth:Roles:operator:0", "ops"), ("Auth:Roles:exporter:0", "ops"), ("Auth:TrustedProxy:SignOutUrl", "/oauth2/sign_out"),
            ("Api:RequestsPerMinute", "1000"), ("Api:ForcedRefreshesPerMinute", "100"));
        await using var factory = Factory(settings, upstream);
        using var client = Client(factory);
        HttpRequestMessage As(HttpMethod method, string url)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add(TestPeerStartupFilter.Header, Proxy);
            request.Headers.Add("X-Forwarded-Email", "olga@example.com");
            request.Headers.Add("X-Forwarded-Groups", "ops");
            request.Headers.Add("Accept", "text/html, application/json, text/csv");
            return request;
        }

        var escapedClientId = Uri.EscapeDataString(clientUserId);
        string[] reads =
        [
            "/api/users.csv", "/", "/?status=failure", $"/providers/{provider}", $"/users/{user}", $"/users/{user}?focus={provider}",
            $"/api/users/{user}/diagnosis", $"/api/users/{user}/diagnosis?refresh=true", $"/api/users/{user}/diagnosis.md",
            "/changes", "/changes?since=7d", "/api/changes.csv", $"/users/by-client-id/{escapedClientId}",
            $"/api/users/by-client-id/{escapedClientId}/diagnosis", "/healthz", "/readyz",
        ];
        string? page = null;
        foreach (var url in reads)
        {
            using var response = await client.SendAsync(As(HttpMethod.Get, url), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            if (url == $"/users/{user}")
            {
                page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            }
        }

        var token = WebUtility.HtmlDecode(TokenPattern().Match(page!).Groups[1].Value);
        using var refresh = As(HttpMethod.Post, $"/api/users/{user}/refresh");
        refresh.Headers.Add("RequestVerificationToken", token);
        using var refreshed = await client.SendAsync(refresh, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        List<HttpRequestMessage> seen;
        lock (upstream.Requests)
        {
            seen = [.. upstream.Requests];
        }

        var writes = seen.Where(r => r.Method != HttpMethod.Get).ToList();
        var post = Assert.Single(writes);
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal($"/v2/user/refresh/{user}", post.RequestUri!.AbsolutePath);
        // The walk did reach Vital in every way it reads: the team's pages and one user's four sources.
        foreach (var path in new[] { "/v2/introspect/historical_pull", "/v2/introspect/resources", $"/v2/user/{user}", $"/v2/user/providers/{user}" })
        {
            Assert.Contains(seen, r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath == path);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
