using System.Net;
using Dashboard.Diagnosis;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Api;

/// <summary><c>/api/users.csv</c> in demo mode: rows against the simulated team's own answer, for each filter.</summary>
public sealed class TeamCsvTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The <c>evolving</c> user's pulls move on with the clock (scheduled, then running, then done within minutes of
    /// the simulator's start), so the export and the expectation, read moments apart, may disagree about it.
    /// </summary>
    private string Evolving => dashboard.UserOf(ScenarioNames.Evolving);

    public static TheoryData<string> Filters() =>
    [
        "",
        "status=failure",
        "status=failure,retrying",
        "status=paused",
        "status=error",
        "provider=oura",
        "provider=FITBIT",
        "provider=fitbit,garmin&resource=sleep,activity",
        "resource=sleep",
        "q={q}",
        "q={Q}",
        "attention=true",
        "attention=false",
        "status=success&provider=oura&resource=sleep",
        "provider=oura&attention=true",
        "status=in_progress,scheduled&attention=true",
        "q={q}&status=success",
        "status=failure&provider=oura&resource=sleep&attention=true",
        "status=failure&provider=no_such_provider",
        "stale=true",
        "stale=true&provider=oura",
        "stale=true&attention=true",
    ];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task TeamCsv_Filter_RowsAreTheMatchingPullsOfTheUpstreamsAnswer(string filter)
    {
        var query = filter.Replace("{q}", SearchPart, StringComparison.Ordinal).Replace("{Q}", SearchPart.ToUpperInvariant(), StringComparison.Ordinal);

        var (_, rows) = await GetCsvAsync(query);

        var expected = await ExpectedAsync(TeamCsvExpectation.FromQuery(query));
        var actual = rows.Where(r => r[0] != Evolving).Select(WithoutClientUserId).Select(TeamCsvExpectation.Normalize).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        if (!filter.Contains("no_such_provider", StringComparison.Ordinal))
        {
            Assert.NotEmpty(actual);
        }
    }

    [Fact]
    public async Task TeamCsv_NoFilter_EveryUserWithPullsOrOngoingDataAndTheirNotPulledResources()
    {
        await dashboard.Factory.Services.UntilTeamHoldsAsync(dashboard.Simulator.Team.UsersWithPulls.Count(), Ct);
        var (response, rows) = await GetCsvAsync("");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^vital-historical-pulls-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var team = dashboard.Simulator.Team;
        Assert.Equal(team.UsersWithPulls.Union(team.UsersWithConnections).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Distinct().Order(StringComparer.Ordinal));

        // The user connected a moment ago has rows for what Vital lists of their ongoing data, with no pull status.
        var noPulls = rows.Where(r => r[0] == team.Scenarios[ScenarioNames.NoPulls]).ToList();
        Assert.NotEmpty(noPulls);
        Assert.All(noPulls, r => Assert.Equal("", r[3]));

        // The user whose only provider lists resources it did not pull has rows for them, with no status.
        var notPulledOnly = rows.Where(r => r[0] == team.Scenarios[ScenarioNames.NotPulledOnly]).ToList();
        Assert.NotEmpty(notPulledOnly);
        Assert.All(notPulledOnly, r => Assert.Equal(("", "resources_not_pulled"), (r[3], r[14])));
    }

    [Fact]
    public async Task TeamCsv_UsersInTheGridsOrder_ThoseNeedingAttentionFirst()
    {
        await dashboard.Factory.Services.UntilTeamHoldsAsync(dashboard.Simulator.Team.UsersWithPulls.Count(), Ct);
        var (_, rows) = await GetCsvAsync("");

        var order = rows.Select(r => r[0]).Distinct().ToList();
        var snapshot = dashboard.Factory.Services.GetRequiredService<Dashboard.Web.Data.Team.ITeamSnapshots>().Current;
        var attention = snapshot.Users.ToDictionary(u => u.UserId, u => u.NeedsAttention);
        var grid = dashboard.Factory.Services.GetRequiredService<Dashboard.Web.Data.Team.TeamViewCache>()
            .Get(snapshot, Dashboard.Web.Data.TeamQuery.Empty, Dashboard.Web.Data.Team.TeamSort.Default).Users.Select(u => u.UserId);

        Assert.Equal(grid.Where(order.Contains), order);
        var firstCalm = order.FindIndex(id => !attention[id]);
        Assert.True(firstCalm > 0, "some users need attention and some do not");
        Assert.All(order.Skip(firstCalm), id => Assert.False(attention[id], $"{id} needs attention but comes after a user who does not"));
    }

    [Fact]
    public async Task TeamCsv_StatusFilter_OnlyThoseStatusesAndNoNotPulledRows()
    {
        var (_, rows) = await GetCsvAsync("status=failure");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("failure", r[3]));
        Assert.All(rows, r => Assert.Equal("pull_failed", r[14]));
        Assert.Contains(dashboard.UserOf("failed_retry_quota_exhausted"), rows.Select(r => r[0]));
    }

    [Fact]
    public async Task TeamCsv_AttentionFilter_LeavesOutUsersWhoNeedNothing()
    {
        var (_, rows) = await GetCsvAsync("attention=true");

        var users = rows.Select(r => r[0]).ToHashSet();
        Assert.Contains(dashboard.UserOf("failed_retry_quota_exhausted"), users);
        Assert.Contains(dashboard.UserOf(ScenarioNames.StuckScheduled), users);
        Assert.DoesNotContain(dashboard.UserOf(ScenarioNames.Healthy), users);
        Assert.DoesNotContain(dashboard.UserOf(ScenarioNames.LowCoverage), users);
        Assert.DoesNotContain(dashboard.UserOf(ScenarioNames.InProgressRecent), users);
    }

    [Fact]
    public async Task TeamCsv_SearchByPartOfAUserId_OnlyThatUsersRows()
    {
        var userId = dashboard.UserOf("failed_retry_quota_exhausted");

        var (_, rows) = await GetCsvAsync("q=" + userId[9..18].ToUpperInvariant());

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(userId[9..18], r[0], StringComparison.Ordinal));
        Assert.Contains(userId, rows.Select(r => r[0]));
    }

    [Fact]
    public async Task TeamCsv_SecondExport_ReadsTheTeamOnlyOnce()
    {
        await GetCsvAsync("");
        // After the first scan, a discovery walk (and a rescan when it finds a provider beyond the spec) runs once.
        var calls = await QuietRequestCountAsync();

        await GetCsvAsync("provider=oura");
        await GetCsvAsync("status=failure");

        Assert.Equal(calls, dashboard.Simulator.RequestCount);
    }

    /// <summary>The simulator's request count once it has stopped changing for half a second.</summary>
    private async Task<long> QuietRequestCountAsync()
    {
        var last = dashboard.Simulator.RequestCount;
        for (var quiet = 0; quiet < 5;)
        {
            await Task.Delay(100, Ct);
            var now = dashboard.Simulator.RequestCount;
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        return last;
    }

    private string SearchPart => dashboard.UserOf(ScenarioNames.Healthy)[..6];

    private async Task<(HttpResponseMessage Response, List<string[]> Rows)> GetCsvAsync(string query)
    {
        var response = await dashboard.Client.GetAsync("/api/users.csv" + (query.Length > 0 ? "?" + query : ""), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var records = Csv.Parse(text);
        Assert.Equal(TeamCsvExpectation.Header, records[0]);
        Assert.All(records, r => Assert.Equal(TeamCsvExpectation.Header.Length, r.Length));
        return (response, records.Skip(1).ToList());
    }

    /// <summary>
    /// The client user id column holds the user's client id when the dashboard has read the user (else nothing): checked
    /// against the simulated team, then left out of the comparison.
    /// </summary>
    private string[] WithoutClientUserId(string[] row)
    {
        var column = TeamCsvExpectation.ClientUserIdColumn;
        Assert.True(row[column].Length == 0 || row[column] == dashboard.Simulator.Team.ClientUserIdOf(row[0]), $"client user id {row[column]} of {row[0]}");
        var copy = (string[])row.Clone();
        copy[column] = "";
        return copy;
    }

    private async Task<List<string>> ExpectedAsync(TeamCsvExpectation expectation)
    {
        var client = dashboard.Factory.Services.GetRequiredService<IVitalIntrospectionClient>();
        var engine = dashboard.Factory.Services.GetRequiredService<DiagnosisEngine>();
        var team = new List<UserHistoricalPulls>();
        await foreach (var user in client.GetAllUsersAsync(cancellationToken: Ct))
        {
            if (user.UserId != Evolving)
            {
                team.Add(user);
            }
        }

        var ongoing = new Dictionary<string, UserResources>(StringComparer.Ordinal);
        await foreach (var page in client.GetResourcesPagesAsync(cancellationToken: Ct))
        {
            foreach (var user in page.Users.Where(u => u.UserId != Evolving && u.UserId.Length > 0))
            {
                ongoing[user.UserId] = user;
            }
        }

        return [.. expectation.ExpectedRows(team, ongoing, engine, DateTimeOffset.UtcNow).Order(StringComparer.Ordinal)];
    }
}
