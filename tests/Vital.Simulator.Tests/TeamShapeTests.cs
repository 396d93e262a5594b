using System.Text.Json;
using Vital.Introspection;

namespace Vital.Simulator.Tests;

/// <summary>The regular users look like a real team: realistic providers, resources, windows and wire format.</summary>
public sealed class TeamShapeTests
{
    private static readonly string[] PullKeys = ["status", "range_start", "range_end", "timeline", "days_with_data", "release", "trace_id", "error_details"];
    private static readonly string[] TimelineKeys = ["scheduled_at", "started_at", "ended_at"];

    [Fact]
    public async Task EveryPull_TeamOf300_HasTheUpstreamWireFormat()
    {
        using var kit = new SimulatorTestKit(users: 300);
        var rows = (await kit.WalkAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray()).SelectMany(PullRow.Of).ToList();
        var timestamps = new List<string>();

        Assert.True(rows.Count > 1000, $"{rows.Count} pulls");
        foreach (var row in rows)
        {
            var keys = row.Pull.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(PullKeys, keys);
            var timeline = row.Pull.GetProperty("timeline").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(TimelineKeys.Take(timeline.Count), timeline);
            Assert.True(timeline.Count >= 2, "scheduled_at and started_at are always written");
            Assert.Matches(@"^0\.0\.0-dev\.[0-9a-f]{7}$", row.Pull.GetProperty("release").GetString());
            if (row.Pull.GetProperty("trace_id").GetString() is { } traceId)
            {
                Assert.Matches("^[0-9a-f]{32}$", traceId);
            }

            foreach (var property in row.Pull.EnumerateObject().Concat(row.Pull.GetProperty("timeline").EnumerateObject()))
            {
                if (property.Name.EndsWith("_at", StringComparison.Ordinal) || property.Name.StartsWith("range_", StringComparison.Ordinal))
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        timestamps.Add(property.Value.GetString()!);
                    }
                }
            }
        }

        Assert.All(timestamps, t => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$", t));
        Assert.Contains(timestamps, t => t.Contains('.', StringComparison.Ordinal));
        Assert.Contains(timestamps, t => !t.Contains('.', StringComparison.Ordinal));
        Assert.All(timestamps.Where(t => t.Contains('.', StringComparison.Ordinal)), t => Assert.DoesNotMatch(@"\.000000\+", t));
    }

    [Fact]
    public async Task Statuses_RegularUsers_FitTheirTimeline()
    {
        using var kit = new SimulatorTestKit(users: 1000);
        var now = SimulatorTestKit.Now;
        var scenarioUsers = kit.Team.Scenarios.Values.ToHashSet();
        var rows = (await kit.WalkAsync())
            .SelectMany(p => p.Json.GetProperty("data").EnumerateArray())
            .Where(u => !scenarioUsers.Contains(u.GetProperty("user_id").GetString()!))
            .SelectMany(PullRow.Of)
            .ToList();

        Assert.True(rows.Count(r => r.Status == "success") > rows.Count * 0.9, "mostly healthy");
        Assert.Equal(["failure", "in_progress", "retrying", "scheduled", "success"], rows.Select(r => r.Status).Distinct().Order());
        Assert.All(rows, row =>
        {
            Assert.True(new PullStatus(row.Status).IsKnown);
            Assert.True(row.Timeline("scheduled_at") <= now);
            Assert.True(row.Timeline("started_at") is null || row.Timeline("started_at") >= row.Timeline("scheduled_at"));
            Assert.True(row.Timeline("ended_at") is null || row.Timeline("ended_at") >= row.Timeline("started_at"));
            Assert.True(row.Timeline("ended_at") is null || row.Timeline("ended_at") <= now);
            Assert.InRange(row.DaysWithData, 0, (int)(row.RangeDays ?? 0));
            switch (row.Status)
            {
                case "scheduled":
                    Assert.Null(row.Timestamp("range_start"));
                    Assert.Null(row.Timeline("started_at"));
                    Assert.Null(row.Timeline("ended_at"));
                    break;
                case "in_progress":
                    Assert.NotNull(row.Timeline("started_at"));
                    Assert.Null(row.Timeline("ended_at"));
                    break;
                case "success" or "failure":
                    Assert.NotNull(row.Timeline("ended_at"));
                    break;
                case "retrying":
                    Assert.True(new PullErrorDetails(row.ErrorDetails!).IsRetriable);
                    break;
            }

            if (row.Status is "scheduled" or "in_progress" or "retrying")
            {
                // In motion: either recent, or clearly stuck.
                var since = now - (row.Timeline("started_at") ?? row.Timeline("scheduled_at"))!.Value;
                Assert.True(since < TimeSpan.FromHours(3) || since > TimeSpan.FromHours(6), $"{row.Status} for {since}");
            }
        });
    }

    [Fact]
    public async Task Windows_SuccessfulPulls_FollowEachProvidersDefault()
    {
        using var kit = new SimulatorTestKit(users: 2000);
        var rows = (await kit.WalkAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray()).SelectMany(PullRow.Of)
            .Where(r => r.RangeDays is not null)
            .ToList();

        void Expect(string provider, string? resource, params double[] days)
        {
            var matching = rows.Where(r => r.Provider == provider && (resource is null || r.Resource == resource)).ToList();
            Assert.NotEmpty(matching);
            Assert.All(matching, r => Assert.Contains(r.RangeDays!.Value, days));
        }

        Expect("oura", null, 180);
        Expect("fitbit", "sleep", 90);
        Expect("fitbit", "activity", 14);
        Expect("fitbit", "heartrate", 14);
        Expect("garmin", null, 90);
        Expect("strava", null, 14);
        Expect("polar", null, 28);
        Expect("apple_health_kit", null, 30);
        Expect("health_connect", null, 30);
        Expect("dexcom_v3", null, 30);
        Expect("dexcom", null, 30, 1);
        Expect("withings", null, 90);
        Expect("whoop_v2", null, 180);
        Expect("my_fitness_pal_v2", null, 14);
    }

    [Fact]
    public async Task Resources_RegularProviders_FitTheProvider()
    {
        using var kit = new SimulatorTestKit(users: 1000);
        var rows = (await kit.WalkAsync()).SelectMany(p => p.Json.GetProperty("data").EnumerateArray()).SelectMany(PullRow.Of).ToList();

        Assert.All(rows.Where(r => r.Provider is "dexcom" or "dexcom_v3" or "freestyle_libre"), r => Assert.Equal("glucose", r.Resource));
        Assert.All(rows.Where(r => r.Provider == "strava"), r => Assert.Contains(r.Resource, new[] { "workouts", "workout_stream", "activity" }));
        Assert.Contains(rows, r => r.Provider == "withings" && r.Resource == "blood_pressure");
        Assert.Contains(rows, r => r.Provider == "oura" && r.Resource == "hrv");
        Assert.All(rows.Where(r => r.Resource != "skin_temperature"), r => Assert.True(new ResourceName(r.Resource).IsKnown, r.Resource));
    }

    [Fact]
    public void Providers_TenThousandUsers_PopularityIsSkewed()
    {
        using var kit = new SimulatorTestKit(users: 10_000);
        var perProvider = kit.Team.UsersPerProvider;
        var total = perProvider.Values.Sum();
        var top = perProvider.Take(5).ToList();

        Assert.Equal(
            ["apple_health_kit", "fitbit", "garmin", "health_connect", "oura"],
            top.Select(p => p.Key).Order());
        Assert.True(top.Sum(p => p.Value) > total * 0.6, "the five big providers hold most connections");
        Assert.True(perProvider.Count >= 35, $"{perProvider.Count} providers present");
        Assert.True(perProvider.Count(p => p.Value < total * 0.005) >= 10, "a long tail of small providers");
        Assert.Equal(perProvider.Values.OrderDescending(), perProvider.Values);
    }

    [Fact]
    public void Users_TenThousand_HaveOneToFourProvidersAndFewHaveNoPulls()
    {
        using var kit = new SimulatorTestKit(users: 10_000);
        var counts = kit.Team.UserIds.Select(id => kit.Team.ProvidersOf(id).Count).ToList();
        var withoutPulls = kit.Team.UserIds.Count(id => !kit.Team.HasPulls(id));

        Assert.All(counts.Where((_, i) => i >= 60), c => Assert.InRange(c, 0, 4));
        Assert.Contains(counts, c => c == 4);
        Assert.True(counts.Count(c => c == 1) > counts.Count / 3);
        Assert.InRange(withoutPulls, 100, 600);
        Assert.All(kit.Team.UserIds, id => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id));
    }
}
