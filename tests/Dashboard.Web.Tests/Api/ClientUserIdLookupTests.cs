using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// <c>/users/by-client-id/{clientUserId}</c> and its API in demo mode: the customer's own id, whatever characters it
/// holds, URL-encoded once, finds the user; an unknown one says which team was asked; a bad one is refused in words.
/// </summary>
public sealed class ClientUserIdLookupTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SimulatedTeam Team => dashboard.Simulator.Team;

    public static TheoryData<string> OddScenarios() =>
    [
        ScenarioNames.ClientIdWithSlash,
        ScenarioNames.ClientIdNonAscii,
        ScenarioNames.ClientIdUuidShaped,
        ScenarioNames.ClientIdWithSpaceAndPercent,
    ];

    [Fact]
    public async Task Page_KnownClientUserId_RedirectsToTheUsersPage()
    {
        var userId = dashboard.UserOf(ScenarioNames.RevokedToken);
        var clientUserId = Team.ClientUserIdOf(userId)!;
        using var client = dashboard.Factory.CreatePlainClient();

        using var response = await client.GetAsync("/users/by-client-id/" + Uri.EscapeDataString(clientUserId), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/users/{userId}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(OddScenarios))]
    public async Task Page_ClientUserIdThatNeedsEncoding_EncodedOnceFindsExactlyThatUser(string scenario)
    {
        var userId = dashboard.UserOf(scenario);
        var clientUserId = Team.ClientUserIdOf(userId)!;
        Assert.True(SimulatedTeam.IsOddClientUserId(clientUserId) || Guid.TryParse(clientUserId, out _));
        using var client = dashboard.Factory.CreatePlainClient();

        using var response = await client.GetAsync("/users/by-client-id/" + Uri.EscapeDataString(clientUserId), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/users/{userId}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Page_TimeZoneInTheQuery_IsCarriedToTheUsersPage()
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);
        using var client = dashboard.Factory.CreatePlainClient();

        using var response = await client.GetAsync($"/users/by-client-id/{Uri.EscapeDataString(Team.ClientUserIdOf(userId)!)}?tz=Europe/Berlin", Ct);

        Assert.Equal($"/users/{userId}?tz=Europe%2FBerlin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Page_UnknownClientUserId_NotFoundPageSaysWhichTeamWasAsked()
    {
        const string unknown = "no-such-customer-<b>42</b>";
        Assert.Null(Team.UserIdOfClientUserId(unknown));

        using var response = await dashboard.Client.GetAsync("/users/by-client-id/" + Uri.EscapeDataString(unknown), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Client user id not found", html, StringComparison.Ordinal);
        Assert.Contains("<code>no-such-customer-&lt;b&gt;42&lt;/b&gt;</code>", html, StringComparison.Ordinal);
        Assert.Contains("the simulated demo team", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>42</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_VitalUserIdGivenAsAClientUserId_IsNotTakenForOne()
    {
        // A Vital user id is not a client user id: the lookup asks for the customer's id only.
        var userId = dashboard.UserOf(ScenarioNames.Healthy);

        using var response = await dashboard.Client.GetAsync("/users/by-client-id/" + userId, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("%0Aforged")]
    [InlineData("%20%20")]
    public async Task Page_NotAClientUserId_RefusedInWordsWithoutAskingVital(string encoded)
    {
        var before = dashboard.Simulator.RequestCount;

        using var response = await dashboard.Client.GetAsync("/users/by-client-id/" + encoded, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That is not a client user id", html, StringComparison.Ordinal);
        Assert.Equal(before, dashboard.Simulator.RequestCount);
    }

    [Fact]
    public async Task Page_TooLong_Refused()
    {
        using var response = await dashboard.Client.GetAsync("/users/by-client-id/" + new string('a', 257), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("diagnosis")]
    [InlineData("diagnosis.md")]
    public async Task Api_KnownClientUserId_AnswersThatUsersDiagnosis(string format)
    {
        var userId = dashboard.UserOf(ScenarioNames.ClientIdWithSlash);
        var clientUserId = Team.ClientUserIdOf(userId)!;

        using var response = await dashboard.Client.GetAsync($"/api/users/by-client-id/{Uri.EscapeDataString(clientUserId)}/{format}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (format == "diagnosis")
        {
            var root = JsonDocument.Parse(body).RootElement;
            Assert.Equal(userId, root.GetProperty("userId").GetString());
            Assert.Equal(clientUserId, root.GetProperty("clientUserId").GetString());
            Assert.Equal(Team.TeamId, root.GetProperty("teamId").GetString());
        }
        else
        {
            Assert.StartsWith($"## Vital diagnosis for user `{userId}`", body, StringComparison.Ordinal);
            Assert.Contains("- Client user id: ", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_UnknownClientUserId_ProblemSaysWhichTeamWasAsked()
    {
        using var response = await dashboard.Client.GetAsync("/api/users/by-client-id/nobody-here/diagnosis", Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Client user id not found", problem.GetProperty("title").GetString());
        Assert.Contains("the simulated demo team", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithoutAFormat_SaysWhatToAskFor()
    {
        using var response = await dashboard.Client.GetAsync("/api/users/by-client-id/someone", Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/diagnosis.md", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ControlCharacter_IsABadRequest()
    {
        using var response = await dashboard.Client.GetAsync("/api/users/by-client-id/a%0Db/diagnosis", Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
