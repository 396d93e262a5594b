using System.Net;
using System.Text.Json;
using Dashboard.Web.Connections;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Connections;

/// <summary>The demo host sweeping its simulated team fast: then the grid's connection filter, the CSV, /readyz and /metrics.</summary>
public sealed class SweepHostTests(SweepHostTests.SweepingDashboard dashboard) : IClassFixture<SweepHostTests.SweepingDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo host with the sweep at 50 requests a second: its 120 users in a few seconds.</summary>
    public sealed class SweepingDashboard() : DemoDashboard(new Dictionary<string, string?> { ["Sweep:RequestsPerSecond"] = "50" });

    [Fact]
    public async Task Csv_ConnectionError_ExactlyTheUsersTheSweepReadInError()
    {
        var readings = await SweptAsync();

        var (status, rows) = await CsvAsync("connection=error");

        Assert.Equal(HttpStatusCode.OK, status);
        var users = rows.Skip(1).Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(dashboard.UserOf(ScenarioNames.RevokedToken), users);
        Assert.Contains(dashboard.UserOf(ScenarioNames.PasswordExpired), users);
        Assert.DoesNotContain(dashboard.UserOf(ScenarioNames.Healthy), users);
        Assert.All(users, u => Assert.Contains(readings.Of(u)!.Connections, c => c.Status == "error"));
        var revoked = rows.Where(r => r[0] == dashboard.UserOf(ScenarioNames.RevokedToken) && r[20] == "error").ToList();
        Assert.NotEmpty(revoked);
        Assert.All(revoked, r => Assert.NotEqual("", r[21]));
        Assert.All(revoked, r => Assert.Equal(readings.Of(r[0])!.ReadAt, ApiAssert.UtcTime(r[22])));
    }

    [Fact]
    public async Task Csv_ConnectionPausedOrOther_TheirScenarios()
    {
        await SweptAsync();

        var (_, paused) = await CsvAsync("connection=paused");
        var (_, other) = await CsvAsync("connection=other");

        Assert.Contains(dashboard.UserOf(ScenarioNames.ConnectionPaused), paused.Skip(1).Select(r => r[0]));
        Assert.Contains(dashboard.UserOf(ScenarioNames.UnknownConnectionStatus), other.Skip(1).Select(r => r[0]));
        Assert.DoesNotContain(dashboard.UserOf(ScenarioNames.RevokedToken), paused.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Csv_UnknownConnectionValue_ProblemNamingTheFilter()
    {
        var response = await dashboard.Client.GetAsync("/api/users.csv?connection=broken", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The connection filter takes error, paused, other, connected, none, unread", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_SweepLine_SaysHowFarTheRoundIs()
    {
        await SweptAsync();

        using var ready = JsonDocument.Parse(await dashboard.Client.GetStringAsync("/readyz", Ct));

        var sweep = ready.RootElement.GetProperty("checks").GetProperty("connection-sweep");
        Assert.Equal("Healthy", sweep.GetProperty("status").GetString());
        Assert.StartsWith("Connections read for ", sweep.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SweepSeries_CountReadsAndNameNoUser()
    {
        await SweptAsync();

        var text = await dashboard.Client.GetStringAsync("/metrics", Ct);

        var lines = text.Split('\n').Where(l => l.StartsWith("dashboard_sweep_", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.StartsWith("dashboard_sweep_reads_total{", StringComparison.Ordinal) && l.Contains("outcome=\"read\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dashboard_sweep_users ", StringComparison.Ordinal) || l.StartsWith("dashboard_sweep_users{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dashboard_sweep_users_read", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => dashboard.Simulator.Team.UserIds.Any(id => l.Contains(id, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Waits (up to a minute) until the sweep has read every user of the shown team; returns the readings.</summary>
    private async Task<ConnectionReadings> SweptAsync()
    {
        var snapshot = await dashboard.Factory.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(Ct);
        var readings = dashboard.Factory.Services.GetRequiredService<ConnectionReadings>();
        var give = DateTime.UtcNow.AddMinutes(1);
        while (snapshot.Users.Any(u => readings.Of(u.UserId) is null) && DateTime.UtcNow < give)
        {
            await Task.Delay(100, Ct);
        }

        Assert.All(snapshot.Users, u => Assert.NotNull(readings.Of(u.UserId)));
        return readings;
    }

    private async Task<(HttpStatusCode Status, List<string[]> Rows)> CsvAsync(string query)
    {
        var response = await dashboard.Client.GetAsync("/api/users.csv?" + query, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? Csv.Parse(text) : []);
    }
}
