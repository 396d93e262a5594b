using System.Net;
using Dashboard.Web.Input;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>One host for the whole table: hostile values never change its state.</summary>
public sealed class HostileInputHost : IAsyncLifetime
{
    public CountingHandler Upstream { get; } = SecurityTestKit.Upstream(out _);

    public DashboardFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory = SecurityTestKit.Factory(Anonymous(("Api:RequestsPerMinute", "100000")), Upstream);
        Client = SecurityTestKit.Client(Factory);
        Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>
/// Hostile values in every place a URL carries input: each gets a clear 4xx or a friendly page, never a 5xx, never
/// an upstream call with an unvalidated value, and never comes back unescaped (in the body or in a header).
/// </summary>
public sealed class HostileInputTests(HostileInputHost host) : IClassFixture<HostileInputHost>
{
    private const string User = "7aec8422-8174-4464-a4b2-b04c5939be0d";

    private static readonly string[] Routes =
    [
        "/api/users/{0}/diagnosis",
        "/api/users/{0}/diagnosis.md",
        "/api/users/" + User + "/diagnosis?refresh={0}",
        "/api/users.csv?status={0}",
        "/api/users.csv?provider={0}",
        "/api/users.csv?q={0}",
        "/api/users.csv?resource={0}&attention={0}",
        "/users/{0}",
        "/users/" + User + "?focus={0}&tz={0}",
        "/providers/{0}",
        "/?status={0}",
        "/?provider={0}&q={0}",
        "/users/by-client-id/{0}",
        "/api/users/by-client-id/{0}/diagnosis",
        "/api/users/by-client-id/{0}/diagnosis.md",
        "/changes?since={0}",
        "/changes?provider={0}&code={0}&change={0}",
        "/api/changes.csv?since={0}",
        "/api/changes.csv?provider={0}&code={0}&change={0}",
    ];

    private static readonly (string Name, string Value)[] Values =
    [
        ("empty", ""),
        ("blank", "   "),
        ("5000 characters", new string('a', 5000)),
        ("parent path", "../"),
        ("deep parent path", "../../../etc/passwd"),
        ("NUL", "\0"),
        ("NUL inside an id", "7aec8422-8174-4464-a4b2-b04c5939be0d\0"),
        ("SQL", "1' OR '1'='1"),
        ("SQL statement", "x'; DROP TABLE users;--"),
        ("right-to-left override", "\u202E7aec8422-8174-4464-a4b2-b04c5939be0d"),
        ("emoji", "😀🔥"),
        ("markup", "<script>alert(1)</script>"),
        ("attribute breakout", "\"><img src=x onerror=alert(1)>"),
        ("attribute handler, double quotes", "\" onmouseover=\"x"),
        ("attribute breakout, single quotes", "'><svg onload=alert(1)>"),
        ("CR/LF header injection", "oura\r\nSet-Cookie: pwned=1"),
        ("huge number", "99999999999999999999999999"),
        ("negative number", "-1"),
        ("NaN", "NaN"),
        ("encoded NUL", "%00"),
        ("template", "{{7*7}}${7*7}"),
        ("list bomb", string.Join(',', Enumerable.Range(0, 500).Select(i => "p" + i))),
        ("slug with markup", "oura<b>x</b>"),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes)
        {
            foreach (var (name, _) in Values)
            {
                data.Add(route, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileValue_InAnyRoute_IsRefusedCalmly(string route, string valueName)
    {
        var value = Values.Single(v => v.Name == valueName).Value;
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, Uri.EscapeDataString(value));
        int before;
        lock (host.Upstream.Requests)
        {
            before = host.Upstream.Requests.Count;
        }

        var inPath = !route.Contains('?', StringComparison.Ordinal) || route.IndexOf("{0}", StringComparison.Ordinal) < route.IndexOf('?', StringComparison.Ordinal);
        if (inPath && value.Contains('\0', StringComparison.Ordinal))
        {
            // A NUL in the path never reaches the app: Kestrel answers 400 itself, and TestServer refuses to send it.
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.GetAsync(url, TestContext.Current.CancellationToken));
            Assert.Contains("null characters", refused.Message, StringComparison.Ordinal);
            return;
        }

        using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        // A clear answer: the page or data, a 400 that says what, or the friendly not-found page; never a trace.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n\s+at [A-Z]\w+\.", body);
        var api = url.StartsWith("/api/", StringComparison.Ordinal);
        if (api && response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        if (!url.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Vital historical pulls", body, StringComparison.Ordinal);
        }
        List<HttpRequestMessage> calls;
        lock (host.Upstream.Requests)
        {
            calls = host.Upstream.Requests.Skip(before).ToList();
        }

        Assert.All(calls, call =>
        {
            var query = QueryHelpers.ParseQuery(call.RequestUri!.Query);
            if (query.TryGetValue("user_id", out var id))
            {
                Assert.True(InputRules.TryNormalizeUserId(id, out var normalized) && normalized == id.ToString(), $"upstream asked for user_id '{id}'");
            }

            if (query.TryGetValue("provider", out var provider))
            {
                Assert.True(InputRules.IsSlug(provider), $"upstream asked for provider '{provider}'");
            }
        });

        if (value.IndexOfAny(['<', '>', '"']) >= 0)
        {
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
        }

        var headers = response.Headers.ToString() + response.Content.Headers;
        Assert.DoesNotContain("pwned", headers, StringComparison.Ordinal);
        if (value.Length > 3)
        {
            Assert.DoesNotContain(value, headers, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/users/" + User + "/diagnosis")]
    [InlineData("/api/users.csv")]
    [InlineData("/users/" + User)]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("/changes")]
    [InlineData("/api/changes.csv")]
    [InlineData("/users/by-client-id/cust-1")]
    [InlineData("/api/users/by-client-id/cust-1/diagnosis")]
    [InlineData("/api/users/" + User + "/refresh")]
    public async Task ForeignHost_WithSignInOff_Is400AndNeverReachesTheUpstream(string url)
    {
        var before = host.Upstream.Calls;
        var write = url.StartsWith("/_blazor", StringComparison.Ordinal) || url.EndsWith("/refresh", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(write ? HttpMethod.Post : HttpMethod.Get, "https://rebound.evil.example" + url);

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, host.Upstream.Calls);
    }

    /// <summary>
    /// The manual refresh with hostile ids, other methods and no antiforgery token: refused before anything else (with
    /// sign-in off nobody is an operator), never a 5xx, and never a write reaching the upstream.
    /// </summary>
    [Theory]
    [InlineData("POST", "not-a-uuid")]
    [InlineData("POST", "..%2F..%2Fetc%2Fpasswd")]
    [InlineData("POST", "%3Cscript%3E")]
    [InlineData("POST", User)]
    [InlineData("PUT", User)]
    [InlineData("DELETE", User)]
    [InlineData("PATCH", User)]
    [InlineData("GET", User)]
    public async Task Refresh_HostileOrWrongRequests_AreRefusedAndNothingIsWritten(string method, string userId)
    {
        int before;
        lock (host.Upstream.Requests)
        {
            before = host.Upstream.Requests.Count;
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/users/{userId}/refresh");
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} answered {(int)response.StatusCode}");
        lock (host.Upstream.Requests)
        {
            Assert.DoesNotContain(host.Upstream.Requests.Skip(before), r => r.Method != HttpMethod.Get);
        }
    }

    [Fact]
    public async Task SpoofedForwardedHost_FromAnAddressThatIsNoProxy_IsIgnored()
    {
        using var response = await host.Client.SendAsync(
            Get($"/api/users/{User}/diagnosis", "203.0.113.7", ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "http")),
            TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/users/{User}", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/users/not-a-uuid/diagnosis")]
    [InlineData("/api/users/not-a-uuid/diagnosis.md")]
    [InlineData("/api/users.csv?status=%3Cb%3E")]
    public async Task HostileValue_OnTheApi_IsAProblemThatSaysWhat(string url)
    {
        var before = host.Upstream.Calls;

        using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, host.Upstream.Calls);
    }
}
