using System.Net;
using System.Text.Json;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// One source failing: <see cref="ContractServer.ConnectionsOutage"/> makes <c>GET /v2/user/providers/*</c> (and only
/// it) answer 503 with a proxy's HTML page from the first request on. ARCHITECTURE.md: the diagnosis still answers 200
/// with what the other sources said, <c>sources.connections</c> is <c>"unavailable"</c>, and a
/// <c>source_unavailable</c> finding names it. A process of its own, so no other test sees the outage or a cached answer
/// from before it.
/// </summary>
public sealed class ConnectionsOutageContractTests(ConnectionsOutageContractTests.Running running) : IClassFixture<ConnectionsOutageContractTests.Running>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Users => [nameof(ContractTeam.Healthy), nameof(ContractTeam.Failing)];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task ConnectionsEndpointFailing_Still200_ConnectionsUnavailable_ASourceUnavailableFinding_OtherSourcesOk(string user)
    {
        var expected = ContractTeam.Row(user);

        using var response = await running.Dashboard.GetAsync(new Uri($"/api/users/{expected.VitalUserId}/diagnosis", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(expected.VitalUserId, root.GetProperty("userId").GetString());
        // The pulls' findings stay; what only the connections could tell is missing, and the diagnosis says so.
        WholeDiagnosisContractTests.AssertCodes([.. expected.Codes, "source_unavailable"], root);
        Assert.Contains("connection", WholeDiagnosisContractTests.Finding(root, "source_unavailable").GetRawText(), StringComparison.OrdinalIgnoreCase);
        var sources = root.GetProperty("sources");
        Assert.Equal("unavailable", sources.GetProperty("connections").GetString());
        foreach (var source in new[] { "user", "historicalPulls", "resources" })
        {
            Assert.Equal("ok", sources.GetProperty(source).GetString());
        }

        // It did ask (and was refused), only with GETs; the user object came through.
        Assert.True(running.Server.ConnectionsOutageAnswers > 0, "the connections endpoint was never asked");
        Assert.Contains(running.Server.Requests, r => r.Path == ContractServer.ConnectionsPrefix + expected.VitalUserId);
        Assert.All(running.Server.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(expected.ClientUserId, root.GetProperty("clientUserId").GetString());
    }

    /// <summary>The contract server with its connections endpoint down from the start, and a dashboard process of its own.</summary>
    public sealed class Running : ContractServerTests.Running
    {
        protected override string ProcessName => "dashboard-on-contract-server-connections-down";

        internal override void Prepare(ContractServer server) => server.ConnectionsOutage = true;
    }
}
