using System.Net;
using Dashboard.Diagnosis;
using Dashboard.Store.Reading;
using Dashboard.Store.Recording;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Vital.Simulator;

namespace Dashboard.Web.Tests.History;

/// <summary>
/// A week on a fake clock: the real host in demo mode, its simulator and its store all read one
/// <see cref="FakeTimeProvider"/>; each morning two pulls move through their states as a script says, the clock moves a
/// day and the team is scanned. The history, <c>/changes</c> and the provider's trends must then hold exactly the
/// transitions the script made, at the times it made them: nothing lost, nothing invented, nothing at the wrong time.
/// </summary>
public sealed class SimulatedWeekTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AWeekOfScans_HistoryChangesAndTrends_HoldExactlyTheScriptedTransitions()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(Monday);
        // One plain walk per scan: the per-provider scan's discovery walk (and the rescan it may start) runs beside it
        // and could end after the clock moved, a scan the script did not ask for.
        await using var factory = new DashboardFactory(
            new Dictionary<string, string?> { ["Vital:ScanMode"] = "Sequential" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var client = factory.CreateClient();
        var snapshots = factory.Services.GetRequiredService<ITeamSnapshots>();
        var simulator = factory.Services.GetRequiredService<VitalSimulator>();
        var reader = factory.Services.GetRequiredService<IHistoryReader>();
        var scope = factory.Services.GetRequiredService<TeamScope>().Value;
        var written = new SemaphoreSlim(0);
        factory.Services.GetRequiredService<HistoryWriter>().Written += _ => written.Release();

        // Monday: the baseline scan. Two users whose pulls succeeded, on two providers: A's pull will fail and recover,
        // B's will be scheduled again and run to success.
        var monday = await snapshots.WhenCompleteAsync(ct);
        Assert.True(await written.WaitAsync(TimeSpan.FromSeconds(60), ct));
        var succeeded = monday.Users
            .SelectMany(u => u.Pulls.Where(p => p.Status.Value == "success").Select(p => (User: u.UserId, Provider: p.Provider, p.Resource)))
            .ToList();
        var a = succeeded[0];
        var b = succeeded.First(p => p.User != a.User && p.Provider != a.Provider);
        var baseline = await reader.GetProviderTrendsAsync(scope, a.Provider, Monday.AddDays(-1), ct);
        var mondayCounts = Assert.Single(baseline.Days);

        var day = TimeSpan.FromDays(1);
        var script = new Dictionary<int, (string Pull, PullUpdate Update)[]>
        {
            [1] = [("a", new PullUpdate { Status = "retrying" }), ("b", new PullUpdate { Status = "scheduled" })],
            [2] = [("a", new PullUpdate { Status = "failure", ErrorDetails = "provider_credential_error" }),
                   ("b", new PullUpdate { Status = "in_progress", ScheduledAt = Monday + day, StartedAt = Monday + (2 * day) })],
            [3] = [("b", new PullUpdate { Status = "success", ScheduledAt = Monday + day, StartedAt = Monday + (2 * day) })],
            [4] = [("a", new PullUpdate { Status = "success" })],
        };
        for (var d = 1; d <= 6; d++)
        {
            clock.Advance(day);
            foreach (var (name, update) in script.GetValueOrDefault(d, []))
            {
                var pull = name == "a" ? a : b;
                Assert.Equal(PullUpdateResult.Updated, simulator.SetPull(pull.User, pull.Provider, pull.Resource, update));
            }

            // A day after the last scan ended, a person's Refresh is allowed: one scan, written once.
            Assert.Null(snapshots.RefreshAllowedAt);
            snapshots.Refresh();
            Assert.True(await written.WaitAsync(TimeSpan.FromSeconds(60), ct), $"day {d}: the scan was not written");
            Assert.Equal(Monday + (d * day), snapshots.Current.CompletedAt);
        }

        // The pulls' status changes, each on the day the script made it and no other.
        var historyA = await reader.GetUserHistoryAsync(scope, a.User, 100, ct);
        Assert.Equal(
            [new ItemChange(Monday + day, "success", "retrying"), new ItemChange(Monday + (2 * day), "retrying", "failure"), new ItemChange(Monday + (4 * day), "failure", "success")],
            Assert.Single(historyA.Pulls, p => p.Provider == a.Provider && p.Resource == a.Resource).Changes);
        var historyB = await reader.GetUserHistoryAsync(scope, b.User, 100, ct);
        Assert.Equal(
            [new ItemChange(Monday + day, "success", "scheduled"), new ItemChange(Monday + (2 * day), "scheduled", "in_progress"), new ItemChange(Monday + (3 * day), "in_progress", "success")],
            Assert.Single(historyB.Pulls, p => p.Provider == b.Provider && p.Resource == b.Resource).Changes);
        Assert.Equal(Monday, historyA.HistoryStart);

        // The problems of the two users over the week: A's retry (a warning) and failure (critical) opened and closed on
        // their days. B's run was never a problem.
        var changes = await reader.GetProblemChangesAsync(scope, new ChangesFilter { Since = Monday }, ct);
        Assert.Equal(
            [
                (Monday + day, FindingCodes.PullRetrying, true),
                (Monday + (2 * day), FindingCodes.PullFailed, true),
                (Monday + (2 * day), FindingCodes.PullRetrying, false),
                (Monday + (4 * day), FindingCodes.PullFailed, false),
            ],
            changes.Changes.Where(c => c.UserId == a.User && c.Resource == a.Resource)
                .Select(c => (c.SeenAt, c.Code, c.Appeared))
                .OrderBy(c => c.SeenAt).ThenBy(c => c.Code, StringComparer.Ordinal));
        Assert.DoesNotContain(changes.Changes, c => c.UserId == b.User && c.Resource == b.Resource);

        // Every other problem that changed is one the clock made: a pull Monday's scan saw waiting or running, stuck by
        // Tuesday morning. Nothing else changed in the team all week.
        var mondayPulls = monday.Users.SelectMany(u => u.Pulls.Select(p => (u.UserId, p.Provider, p.Resource, Status: p.Status.Value))).ToList();
        var others = changes.Changes.Where(c => c.UserId != a.User).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, c =>
        {
            Assert.Equal((Monday + day, true), (c.SeenAt, c.Appeared));
            var was = c.Code == FindingCodes.PullStuckScheduled ? "scheduled" : c.Code == FindingCodes.PullStuckInProgress ? "in_progress" : $"not a stuck pull: {c.Code}";
            Assert.Contains((c.UserId, c.Provider!, c.Resource!, was), mondayPulls);
        });

        // /changes since Thursday morning shows the recovery alone, linked to A; its CSV says the same.
        var thursday = (Monday + (3 * day)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        using var csv = await client.GetAsync(new Uri($"/api/changes.csv?since={thursday}&provider={a.Provider}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = (await csv.Content.ReadAsStringAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(rows, r => r.StartsWith("2026-11-06T09:00:00Z,cleared,critical,pull_failed,", StringComparison.Ordinal) && r.Contains($",{a.User},", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains($",{a.User},", StringComparison.Ordinal) && r.Contains(",appeared,", StringComparison.Ordinal));
        using var page = await client.GetAsync(new Uri($"/changes?since={thursday}&provider={a.Provider}", UriKind.Relative), ct);
        Assert.Contains($"/users/{a.User}?focus={a.Provider}", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // The trends: one day per scan, A's pull counted as retrying on Tuesday, failed on Wednesday and Thursday, back
        // to success from Friday; B's resource took two days from scheduled to ended.
        var trends = await reader.GetProviderTrendsAsync(scope, a.Provider, Monday.AddDays(-1), ct);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => DateOnly.FromDateTime(Monday.AddDays(i).UtcDateTime)), trends.Days.Select(x => x.Day));
        int Count(IReadOnlyDictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);
        Assert.Equal(
            [0, 1, 0, 0, 0, 0, 0],
            trends.Days.Select(x => Count(x.Statuses, "retrying") - Count(mondayCounts.Statuses, "retrying")));
        Assert.Equal(
            [0, 0, 1, 1, 0, 0, 0],
            trends.Days.Select(x => Count(x.Statuses, "failure") - Count(mondayCounts.Statuses, "failure")));
        Assert.Equal(
            [0, 0, 1, 1, 0, 0, 0],
            trends.Days.Select(x => Count(x.Findings, FindingCodes.PullFailed) - Count(mondayCounts.Findings, FindingCodes.PullFailed)));
        var durationsB = await reader.GetProviderTrendsAsync(scope, b.Provider, Monday.AddDays(-1), ct);
        var ranB = Assert.Single(durationsB.Durations, r => r.Resource == b.Resource);
        Assert.Equal((1, TimeSpan.FromDays(2)), (ranB.Count, ranB.Median));
    }
}
