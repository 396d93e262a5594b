using System.Diagnostics;
using Dashboard.Web.Observability;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// Spans as an exporter receives them, over real HTTP: the ASP.NET Core and HttpClient instrumentations' spans keep
/// route and endpoint templates, and no span carries a user id, a client user id or the key anywhere.
/// </summary>
public sealed class TraceRedactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spans_UserPagesOverRealHttp_CarryTemplatesButNoIdOrKey()
    {
        await using var vital = await SimulatorOverHttp.StartAsync(Ct);
        var spans = new CapturedSpans();
        await using var factory = new DashboardFactory(
            LiveDashboard.Settings(new Dictionary<string, string?>
            {
                ["Vital:BaseUrl"] = vital.BaseUrl.AbsoluteUri,

                // Real sockets on a busy machine: the stub's 200 ms per attempt is too tight.
                ["Vital:Resilience:AttemptTimeout"] = "00:00:10",
                ["Vital:Resilience:TotalTimeout"] = "00:00:30",
            }),
            services: spans.AddTo);
        var client = spans.CreateClient(factory);
        var userId = vital.Simulator.Team.Scenarios[ScenarioNames.ClientIdNonAscii];
        var clientUserId = vital.Simulator.Team.ClientUserIdOf(userId)!;

        using var diagnosis = await client.GetAsync($"/api/users/{userId}/diagnosis?q={userId}", Ct);
        using var byClientId = await client.GetAsync($"/api/users/by-client-id/{Uri.EscapeDataString(clientUserId)}/diagnosis", Ct);

        diagnosis.EnsureSuccessStatusCode();
        byClientId.EnsureSuccessStatusCode();
        // The dashboard's request spans end a moment after the client has the answers.
        var all = await spans.WaitAsync(all => all.Count(s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string)?.StartsWith("/api/", StringComparison.Ordinal) == true) >= 2, Ct);
        var http = all.Where(s => s.Source.Name == "System.Net.Http").ToList();
        var origin = vital.BaseUrl.GetLeftPart(UriPartial.Authority);
        Assert.Contains(http, s => (string?)s.GetTagItem("url.full") == origin + "/v2/user/{user_id}");
        Assert.Contains(http, s => (string?)s.GetTagItem("url.full") == origin + "/v2/user/resolve/{client_user_id}");
        Assert.Contains(http, s => (string?)s.GetTagItem("url.full") == origin + "/v2/introspect/historical_pull");

        // Each attempt is a child of its call's span.
        var calls = all.Where(s => s.Source.Name == DashboardTelemetry.Name).ToDictionary(s => s.SpanId);
        Assert.All(http, s => Assert.True(calls.ContainsKey(s.ParentSpanId), s.DisplayName));

        var server = all.Where(s => s.Kind == ActivityKind.Server).ToList();
        Assert.Contains(server, s => (string?)s.GetTagItem("url.path") == "/api/users/{userId}/diagnosis");
        Assert.Contains(server, s => (string?)s.GetTagItem("http.route") == "/api/users/by-client-id/{**rest}");

        var texts = all.SelectMany(CapturedSpans.Texts).ToList();
        foreach (var secret in new[] { userId, clientUserId, Uri.EscapeDataString(clientUserId), LiveDashboard.ApiKey })
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("https://api.us.junction.com/v2/user/7aec8422-8174?x=1", "https://api.us.junction.com/v2/user/{user_id}")]
    [InlineData("https://proxy.example:8443/vital/v2/user/providers/abc", "https://proxy.example:8443/v2/user/providers/{user_id}")]
    [InlineData("https://api.eu.junction.com/v2/introspect/historical_pull?user_id=abc&user_limit=50", "https://api.eu.junction.com/v2/introspect/historical_pull")]
    [InlineData("https://login.example.com/oauth2/abc/.well-known/openid-configuration", "https://login.example.com/")]
    [InlineData("https://someone:secret@host.example/v2/user/refresh/abc", "https://host.example/v2/user/refresh/{user_id}")]
    [InlineData("not a url", "")]
    public void Redact_AnAddress_KeepsOriginAndTemplateOnly(string url, string expected) =>
        Assert.Equal(expected, TraceRedactionProcessor.Redact(url));
}
