using System.Net;
using Dashboard.Web.Api;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The logs name the route of a lookup by the customer's own id, never the id (often an email address): the request
/// log's line and every other event of the request, which carries its path.
/// </summary>
public sealed class RequestLogTests
{
    [Theory]
    [InlineData("/users/by-client-id/ann.example%40mail.test", "/users/by-client-id/{clientUserId}")]
    [InlineData("/api/users/by-client-id/ann.example%40mail.test/diagnosis", "/api/users/by-client-id/{clientUserId}/diagnosis")]
    public async Task LookupByClientUserId_LoggedAsItsRouteWithoutTheId(string url, string logged)
    {
        var sink = new InMemorySink();
        await using var factory = Factory(new Dictionary<string, string?> { ["Simulator:Users"] = "20" }, sink: sink);
        using var client = Client(factory);

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(sink.Events, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == $"\"{logged}\"");
        var text = sink.Text();
        Assert.DoesNotContain("ann.example", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/users/by-client-id/x", "/users/by-client-id/{clientUserId}")]
    [InlineData("/users/by-client-id/", "/users/by-client-id/")]
    [InlineData("/users/by-client-id", "/users/by-client-id")]
    [InlineData("/users/0f8fad5b-d9cb-469f-a165-70867728950e", "/users/0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("/API/Users/By-Client-Id/x/diagnosis.md", "/api/users/by-client-id/{clientUserId}/diagnosis.md")]
    [InlineData("/api/users/by-client-id/x/y", "/api/users/by-client-id/{clientUserId}")]
    public void WithoutClientUserId_OnlyTheClientIdReplaced(string path, string logged) =>
        Assert.Equal(logged, ClientUserIdLookup.WithoutClientUserId(path));
}
