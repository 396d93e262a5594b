using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// A distinctive key goes through every route, every export, every error path and every log sink; it must come
/// out nowhere (HTML, JSON, CSV, Markdown, headers, console log, audit file) and reach no host but the upstream.
/// The upstream here is hostile: its error bodies echo the key back.
/// </summary>
public sealed class SecretLeakTests : IDisposable
{
    private const string Rejected = "00000000-0000-4000-8000-000000000401";
    private const string Broken = "00000000-0000-4000-8000-000000000500";
    private const string Invalid = "00000000-0000-4000-8000-000000000422";
    private const string Slow = "00000000-0000-4000-8000-000000000408";
    private const string Html = "00000000-0000-4000-8000-000000000200";

    private readonly string _auditDirectory = Directory.CreateTempSubdirectory("dashboard-audit-").FullName;

    /// <summary>The simulated team, except for a few user ids (and, when asked, every list) that fail in telling ways.</summary>
    private sealed class HostileUpstream(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public volatile bool FailLists;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var user = QueryHelpers.ParseQuery(request.RequestUri!.Query).TryGetValue("user_id", out var u) ? u.ToString() : null;
            var echo = $"{{\"detail\":\"key {LiveKey} is not valid here\"}}";
            switch (user)
            {
                case Rejected:
                    return Answer(HttpStatusCode.Unauthorized, echo, "application/json");
                case Broken:
                    return Answer(HttpStatusCode.InternalServerError, echo, "application/json");
                case Invalid:
                    return Answer(HttpStatusCode.UnprocessableEntity, echo, "application/json");
                case Html:
                    return Answer(HttpStatusCode.OK, $"<html><body>Proxy error for {LiveKey}</body></html>", "text/html");
                case Slow:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                case null when FailLists:
                    return Answer(HttpStatusCode.Unauthorized, echo, "application/json");
            }

            return await base.SendAsync(request, cancellationToken);
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }

    [Fact]
    public async Task Key_ThroughEveryRouteErrorAndSink_AppearsNowhere()
    {
        var counted = Upstream(out var user);
        var upstream = new HostileUpstream(counted);
        var sink = new InMemorySink();
        var settings = Anonymous(
            ("Audit:Path", Path.Combine(_auditDirectory, "audit-.log")),
            ("Vital:CacheSeconds", "0"),
            ("Vital:Resilience:MaxRetryAttempts", "1"),
            ("Vital:Resilience:AttemptTimeout", "00:00:00.300"),
            ("Vital:Resilience:TotalTimeout", "00:00:01"));
        var outputs = new List<(string What, string Text)>();
        var statuses = new List<(string Url, HttpStatusCode Status)>();

        await using (var factory = Factory(settings, upstream, sink))
        {
            using var client = Client(factory);
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

            async Task Fetch(string url, HttpMethod? method = null)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url), TestContext.Current.CancellationToken);
                statuses.Add((url, response.StatusCode));
                outputs.Add((url + " headers", response.Headers + "\n" + response.Content.Headers));
                outputs.Add((url + " body", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            }

            // The upstream rejects the key for every list: readiness, the grid and the CSV export must say so without it.
            upstream.FailLists = true;
            await Fetch("/readyz");
            await Fetch("/");
            await Fetch("/api/users.csv");
            upstream.FailLists = false;

            string[] routes =
            [
                "/", "/?status=failure", $"/users/{user}", "/providers/oura", "/providers",
                $"/api/users/{user}/diagnosis", $"/api/users/{user}/diagnosis.md", "/api/users.csv", "/api/users.csv?status=failure",
                "/healthz", "/readyz", "/no-such-page", "/users/not-a-user-id", "/api/users/not-a-user-id/diagnosis",
                "/Error", "/not-found", "/access-denied", "/signed-out", "/signin?returnUrl=/users",
            ];
            foreach (var route in routes)
            {
                await Fetch(route);
            }

            foreach (var failing in new[] { Rejected, Broken, Invalid, Html, Slow })
            {
                await Fetch($"/api/users/{failing}/diagnosis");
                await Fetch($"/api/users/{failing}/diagnosis.md");
                await Fetch($"/users/{failing}");
            }

            await Fetch("/signout", HttpMethod.Post);
        }

        var audit = string.Join('\n', Directory.GetFiles(_auditDirectory).Select(File.ReadAllText));
        outputs.Add(("log", sink.Text()));
        outputs.Add(("audit file", audit));

        Assert.All(outputs, o => Assert.False(o.Text.Contains(LiveKey, StringComparison.Ordinal), $"The key leaked into {o.What}"));
        Assert.DoesNotContain(statuses, s => s.Status == HttpStatusCode.InternalServerError);
        Assert.Contains(statuses, s => s.Status == HttpStatusCode.GatewayTimeout);
        Assert.Contains(statuses, s => s.Status == HttpStatusCode.BadGateway);
        Assert.Contains("DiagnosisJson", audit, StringComparison.Ordinal);
        // The upstream's echo of the key reached the problem body masked: the check above is not vacuous.
        Assert.Contains(outputs, o => o.What == $"/api/users/{Invalid}/diagnosis body" && o.Text.Contains("key *** is not valid", StringComparison.Ordinal));
        Assert.All(counted.Requests, r =>
        {
            Assert.Equal("upstream.test", r.RequestUri!.Host);
            Assert.DoesNotContain(LiveKey, r.RequestUri.ToString(), StringComparison.Ordinal);
            Assert.Equal(LiveKey, r.Headers.GetValues("x-vital-api-key").Single());
        });
    }

    public void Dispose() => Directory.Delete(_auditDirectory, recursive: true);
}
