using System.Net;
using System.Text.Json;

namespace Vital.Simulator.Tests;

/// <summary>
/// Each whole-diagnosis scenario shows its situation in the user object, the connections or the ongoing data, and
/// nothing else; every other scenario user is clean there; regular users show the same situations at low rates.
/// </summary>
public sealed class DiagnosisScenarioTests
{
    private static readonly DateTimeOffset Now = SimulatorTestKit.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static TheoryData<string> DiagnosisScenariosData() => [.. ScenarioNames.DiagnosisScenarios];

    public static TheoryData<string> OtherScenariosData() => [.. ScenarioNames.PullScenarios];

    [Theory]
    [MemberData(nameof(DiagnosisScenariosData))]
    public async Task DiagnosisScenario_EveryEndpoint_ShowsItsSituation(string scenario)
    {
        using var kit = new SimulatorTestKit(users: 200);
        var view = await UserView.ReadAsync(kit, kit.Team.Scenarios[scenario]);
        var first = view.Connections.FirstOrDefault();
        var unavailable = view.Connections.SelectMany(c => c.Unavailable.Select(r => (c.Slug, r))).ToList();

        switch (scenario)
        {
            case ScenarioNames.NoConnections:
                Assert.Empty(view.User.GetProperty("connected_sources").EnumerateArray());
                Assert.Empty(view.Connections);
                Assert.Null(view.Resources);
                Assert.False(kit.Team.HasPulls(view.UserId));
                Assert.DoesNotContain(view.UserId, (await kit.WalkResourcesAsync()).SelectMany(p => p.UserIds));
                Assert.DoesNotContain(view.UserId, (await kit.WalkAsync()).SelectMany(p => p.UserIds));
                return;
            case ScenarioNames.RevokedToken:
                AssertError(first!, ConnectionErrorTypes.TokenRefreshFailed);
                break;
            case ScenarioNames.PasswordExpired:
                Assert.Equal("abbott_libreview", first!.Slug);
                AssertError(first, ConnectionErrorTypes.ProviderPasswordExpired);
                break;
            case ScenarioNames.UnknownErrorType:
                AssertError(first!, ScenarioNames.UnknownErrorTypeValue);
                break;
            case ScenarioNames.UnknownConnectionStatus:
                Assert.Equal(ScenarioNames.UnknownConnectionStatusValue, first!.Status);
                Assert.Null(first.ErrorDetails);
                break;
            case ScenarioNames.ConnectionPaused:
                Assert.All(view.Connections, c => Assert.Equal("paused", c.Status));
                Assert.True(view.IngestionEnd < Today.AddDays(-7), $"ingestion_end {view.IngestionEnd}");
                Assert.All(view.Rows, r => Assert.True(r.NewestData < Day(view.IngestionEnd!.Value.AddDays(1)), $"{r.Resource} {r.NewestData}"));
                AssertNoIngestionStart(view);
                Assert.Empty(unavailable);
                break;
            case ScenarioNames.ScopesDenied:
                Assert.Equal([("fitbit", "heartrate"), ("fitbit", "hrv")], unavailable);
                Assert.Equal(["heartrate"], first!.DeniedRequired("heartrate"));
                Assert.Equal(["heartrate"], first.DeniedRequired("hrv"));
                Assert.Equal(["heartrate", "hrv"], view.NotPulled["fitbit"]);
                Assert.Equal("connected", first.Status);
                break;
            case ScenarioNames.StaleData:
                Assert.Equal("connected", first!.Status);
                Assert.All(view.Pulls, p => Assert.Equal("success", p.Status));
                Assert.All(view.Rows, r =>
                {
                    Assert.InRange(Now - r.NewestData!.Value, TimeSpan.FromDays(9.5), TimeSpan.FromDays(10.5));
                    Assert.Equal("success", r.LastAttemptStatus);
                    Assert.InRange(Now - r.LastAttemptAt!.Value, TimeSpan.Zero, TimeSpan.FromHours(1));
                });
                break;
            case ScenarioNames.HealthKitDelay:
                Assert.Equal("apple_health_kit", first!.Slug);
                Assert.Null(first.ExternalUserId);
                Assert.All(view.Rows, r => Assert.InRange(Now - r.NewestData!.Value, TimeSpan.FromHours(13), TimeSpan.FromHours(15)));
                break;
            case ScenarioNames.LastAttemptFailed:
                Assert.Equal("failure", view.Rows[0].LastAttemptStatus);
                Assert.All(view.Rows.Skip(1), r => Assert.Equal("success", r.LastAttemptStatus));
                Assert.Equal("connected", first!.Status);
                break;
            case ScenarioNames.PastIngestionEnd:
                Assert.InRange(view.IngestionEnd!.Value, Today.AddDays(-6), Today.AddDays(-1));
                Assert.All(view.Connections, c => Assert.Equal("connected", c.Status));
                Assert.All(view.Rows, r => Assert.True(r.NewestData < Day(view.IngestionEnd.Value.AddDays(1))));
                Assert.All(view.Rows, r => Assert.True(Now - r.NewestData < TimeSpan.FromDays(3), "not stale yet"));
                AssertNoIngestionStart(view);
                break;
            case ScenarioNames.FutureIngestionStart:
                Assert.True(view.IngestionStart > Today, $"ingestion_start {view.IngestionStart}");
                Assert.Null(view.IngestionEnd);
                Assert.All(view.Rows, r => Assert.Null(r.NewestData));
                Assert.All(view.Connections, c => Assert.Equal("connected", c.Status));
                break;
            case ScenarioNames.ClientIdWithSlash or ScenarioNames.ClientIdNonAscii or ScenarioNames.ClientIdUuidShaped or ScenarioNames.ClientIdWithSpaceAndPercent:
                AssertClean(view);
                Assert.Equal(view.UserId, (await kit.ResolveAsync(view.ClientUserId)).Json.GetProperty("user_id").GetString());
                return;
            default:
                Assert.Fail($"No assertion for scenario '{scenario}'.");
                break;
        }

        // Everything but the situation is clean.
        if (scenario is not (ScenarioNames.ConnectionPaused or ScenarioNames.PastIngestionEnd or ScenarioNames.FutureIngestionStart))
        {
            Assert.Null(view.IngestionStart);
            Assert.Null(view.IngestionEnd);
        }

        Assert.False(SimulatedTeam.IsOddClientUserId(view.ClientUserId));
        Assert.Single(view.Connections);
    }

    [Theory]
    [MemberData(nameof(OtherScenariosData))]
    public async Task PullScenario_UserConnectionsAndOngoingData_AreClean(string scenario)
    {
        using var kit = new SimulatorTestKit(users: 200);

        var view = await UserView.ReadAsync(kit, kit.Team.Scenarios[scenario]);

        AssertClean(view);
        Assert.False(SimulatedTeam.IsOddClientUserId(view.ClientUserId));
    }

    [Fact]
    public async Task RegularUsers_TeamOf3000_ShowEachSituationAtALowRate()
    {
        using var kit = new SimulatorTestKit(users: 3000);
        var scenarioUsers = kit.Team.Scenarios.Values.ToHashSet();
        var views = new List<UserView>();
        foreach (var userId in kit.Team.UserIds.Where(id => !scenarioUsers.Contains(id)))
        {
            views.Add(await UserView.ReadAsync(kit, userId, withPulls: false));
        }

        var connections = views.SelectMany(v => v.Connections).ToList();
        var rows = views.SelectMany(v => v.Rows.Select(r => (View: v, Row: r))).ToList();
        var sdk = new[] { "apple_health_kit", "health_connect", "samsung_health" };
        void Share(string what, int count, int total, double min, double max) =>
            Assert.True(count >= Math.Max(1, total * min) && count <= total * max, $"{what}: {count} of {total}");

        Share("users without connections", views.Count(v => v.Connections.Count == 0), views.Count, 0.005, 0.04);
        Share("errored connections", connections.Count(c => c.Status == "error"), connections.Count, 0.005, 0.05);
        Share("connections of an unknown status", connections.Count(c => c.Status is not ("connected" or "error" or "paused")), connections.Count, 0.0005, 0.02);
        Share("paused users", views.Count(v => v.Connections.Count > 0 && v.Connections.All(c => c.Status == "paused")), views.Count, 0.001, 0.03);
        Share("users past their ingestion end", views.Count(v => v.IngestionEnd < Today), views.Count, 0.005, 0.05);
        Share("users with a future ingestion start", views.Count(v => v.IngestionStart > Today), views.Count, 0.0005, 0.02);
        Share("connections with unavailable resources", connections.Count(c => c.Unavailable.Count > 0), connections.Count, 0.001, 0.08);
        Share("failed last attempts", rows.Count(r => r.Row.LastAttemptStatus == "failure"), rows.Count, 0.0005, 0.03);
        Share("stale resources (over 3 days)", rows.Count(r => Now - r.Row.NewestData > TimeSpan.FromDays(3)), rows.Count, 0.01, 0.1);
        var sdkRows = rows.Where(r => sdk.Contains(r.Row.Provider)).ToList();
        Share("SDK resources delayed 12 hours to 3 days", sdkRows.Count(r => Now - r.Row.NewestData is { TotalHours: > 12 and < 72 }), sdkRows.Count, 0.05, 0.3);
        Share("odd client user ids", views.Count(v => SimulatedTeam.IsOddClientUserId(v.ClientUserId)), views.Count, 0.01, 0.1);
        Assert.Contains(connections, c => c.ErrorType == ConnectionErrorTypes.TokenRefreshFailed);
        Assert.Contains(connections, c => c.ErrorType == ConnectionErrorTypes.ProviderPasswordExpired || c.ErrorType == ConnectionErrorTypes.ProviderCredentialError);
    }

    private static void AssertError(ConnectionRow connection, string errorType)
    {
        Assert.Equal("error", connection.Status);
        Assert.Equal(errorType, connection.ErrorType);
        var erroredAt = DateTimeOffset.Parse(connection.ErrorDetails!.Value.GetProperty("errored_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(erroredAt, Now.AddDays(-2), Now);
    }

    private static void AssertNoIngestionStart(UserView view) => Assert.Null(view.IngestionStart);

    /// <summary>Connected, no error, nothing unavailable, no ingestion bounds, no failed attempt, no stale or late data.</summary>
    private static void AssertClean(UserView view)
    {
        Assert.Null(view.IngestionStart);
        Assert.Null(view.IngestionEnd);
        Assert.All(view.Connections, c =>
        {
            Assert.Equal("connected", c.Status);
            Assert.Null(c.ErrorDetails);
            Assert.Empty(c.Unavailable);
        });
        Assert.All(view.Rows, r =>
        {
            Assert.NotEqual("failure", r.LastAttemptStatus);
            Assert.True(r.NewestData is null || Now - r.NewestData < TimeSpan.FromHours(12), $"{r.Provider}/{r.Resource} newest {r.NewestData}");
        });
    }

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>One user as the four read endpoints show it.</summary>
    private sealed record UserView(string UserId, JsonElement User, List<ConnectionRow> Connections, JsonElement? Resources, List<PullRow> Pulls, Dictionary<string, List<string>> NotPulled)
    {
        public string ClientUserId => User.GetProperty("client_user_id").GetString()!;

        public DateOnly? IngestionStart => Date(User.GetProperty("ingestion_start"));

        public DateOnly? IngestionEnd => Date(User.GetProperty("ingestion_end"));

        public List<ResourceRow> Rows => Resources is { } r ? ResourceRow.Of(r) : [];

        public static async Task<UserView> ReadAsync(SimulatorTestKit kit, string userId, bool withPulls = true)
        {
            var user = await kit.GetAccountAsync(userId);
            Assert.Equal(HttpStatusCode.OK, user.Status);
            var connections = ConnectionRow.Of(await kit.GetConnectionsAsync(userId));
            var resources = (await kit.GetResourcesAsync($"user_id={userId}")).Json.GetProperty("data");
            var pulls = withPulls ? await kit.GetUserElementAsync(userId) : null;
            return new UserView(
                userId,
                user.Json.Clone(),
                connections,
                resources.GetArrayLength() == 0 ? null : resources[0].Clone(),
                pulls is { } p ? PullRow.Of(p) : [],
                pulls is { } q ? PullRow.NotPulled(q) : []);
        }

        private static DateOnly? Date(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
