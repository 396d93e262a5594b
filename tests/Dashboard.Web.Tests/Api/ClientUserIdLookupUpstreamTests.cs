using System.Net;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>The client-id lookup in live mode: the environment the key belongs to, and Vital's trouble, in words.</summary>
public sealed class ClientUserIdLookupUpstreamTests(LiveDashboard dashboard) : IClassFixture<LiveDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_Unknown_SaysTheKeysEnvironment()
    {
        dashboard.Upstream.AnswerOthers(null);

        using var response = await dashboard.Client.GetAsync($"/users/by-client-id/cust-{Guid.NewGuid():N}", Ct);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("in Vital's production (US) environment", html, StringComparison.Ordinal);
        Assert.Contains("sandbox", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Known_AsksTheResolveEndpointWithTheIdEncodedOnce()
    {
        const string clientUserId = "team a/42 ü?";
        var userId = Guid.NewGuid().ToString();
        dashboard.Upstream.AnswerOthers(request => request.RequestUri!.AbsolutePath.Contains("/v2/user/resolve/", StringComparison.Ordinal)
            ? StubUpstream.Respond(HttpStatusCode.OK, UpstreamJson.VitalUser(userId))
            : dashboard.Upstream.DefaultOther(request));
        using var client = dashboard.Factory.CreatePlainClient();

        using var response = await client.GetAsync("/users/by-client-id/" + Uri.EscapeDataString(clientUserId), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/users/{userId}", response.Headers.Location!.OriginalString);
        var asked = dashboard.Upstream.RequestUris.Last(u => u.AbsolutePath.Contains("/v2/user/resolve/", StringComparison.Ordinal));
        Assert.EndsWith("/v2/user/resolve/" + Uri.EscapeDataString(clientUserId), asked.AbsoluteUri, StringComparison.Ordinal);
        dashboard.Upstream.AnswerOthers(null);
    }

    [Fact]
    public async Task Page_VitalDown_SaysSoInWordsNotNotFound()
    {
        dashboard.Upstream.AnswerOthers(_ => StubUpstream.Respond(HttpStatusCode.ServiceUnavailable, """{"detail":"down"}"""));

        using var response = await dashboard.Client.GetAsync($"/users/by-client-id/cust-{Guid.NewGuid():N}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Vital could not be asked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Client user id not found", html, StringComparison.Ordinal);
        dashboard.Upstream.AnswerOthers(null);
    }
}
