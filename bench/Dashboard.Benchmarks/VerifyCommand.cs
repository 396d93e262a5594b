using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Benchmarks;

/// <summary>
/// Checks, end to end against a running dashboard and its simulator host, what the issue's "shared cache" and
/// "team scan" parts promise: a hundred concurrent requests for one user cost one upstream call (JSON endpoint and
/// server-rendered page alike); concurrent team requests share one scan; a stale team is served at once while a
/// single refresh runs in the background. Counts come from the simulator's <c>/_simulator/stats</c>. The
/// simulator's team must be small enough that one scan and its discovery walk fit its recent queries
/// (<c>VitalSimulator.RecentQueryCapacity</c>; with the ongoing-data walks that is about 300 requests at 1,000 users).
/// </summary>
internal static class VerifyCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var dashboardUrl = args.Require("dashboard").TrimEnd('/');
        var cacheSeconds = args.Int("cache-seconds", 5);
        using var simulator = new SimulatorClient(args.Require("simulator"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { Timeout = TimeSpan.FromMinutes(2) };
        var (first, second) = await TwoUsersAsync(http, args.Require("simulator")).ConfigureAwait(false);

        var checks = new List<Check>
        {
            await OneUserAsync(http, simulator, "100 concurrent GET /api/users/{id}/diagnosis, cold cache", $"{dashboardUrl}/api/users/{first}/diagnosis", first).ConfigureAwait(false),
            await OneUserAsync(http, simulator, "100 concurrent GET /users/{id} (server render), cold cache", $"{dashboardUrl}/users/{second}", second).ConfigureAwait(false),
        };
        checks.AddRange(await TeamAsync(http, simulator, dashboardUrl, cacheSeconds).ConfigureAwait(false));

        foreach (var check in checks)
        {
            Console.Error.WriteLine($"{(check.Passed ? "PASS" : "FAIL")} {check.Name}: {check.Observed}");
        }

        args.Write(new { passed = checks.All(c => c.Passed), checks });
        return 0;
    }

    private static async Task<(string, string)> TwoUsersAsync(HttpClient http, string simulatorUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, simulatorUrl.TrimEnd('/') + "/v2/introspect/historical_pull?user_limit=5");
        request.Headers.Add("x-vital-api-key", DashboardHost.BenchApiKey);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        var ids = page.RootElement.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("user_id").GetString()!).ToList();
        return (ids[^1], ids[^2]);
    }

    private static async Task<Check> OneUserAsync(HttpClient http, SimulatorClient simulator, string name, string url, string userId)
    {
        var before = await simulator.StatsAsync().ConfigureAwait(false);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => http.GetAsync(url))).ConfigureAwait(false);
        var ok = answers.Count(a => a.IsSuccessStatusCode);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        var after = await simulator.StatsAsync().ConfigureAwait(false);
        // The whole diagnosis reads four sources once each: the pulls and the ongoing data (queries naming the user),
        // the user and the connections (the user id in the path, no query).
        var calls = NewQueries(before, after).Count(q => q.Contains("user_id=" + userId, StringComparison.OrdinalIgnoreCase));
        var all = after.RequestCount - before.RequestCount;
        return new Check(name, ok == 100 && calls == 2 && all == WholeDiagnosisCalls,
            $"{ok}/100 answered 200; upstream calls naming the user in the query (pulls, ongoing data): {calls}; all upstream calls meanwhile: {all} (one view reads {WholeDiagnosisCalls} sources once each)");
    }

    private static async Task<IEnumerable<Check>> TeamAsync(HttpClient http, SimulatorClient simulator, string dashboardUrl, int cacheSeconds)
    {
        // A search no user id matches (ids are hex): the export waits for the whole team but writes no rows.
        var csv = dashboardUrl + "/api/users.csv?q=zzzz";
        var before = await simulator.StatsAsync().ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var ok = await GetAllAsync(http, csv, 20).ConfigureAwait(false);
        var firstScan = clock.Elapsed;

        // The scan is complete when the answers are in; its discovery walk has only begun and cannot have asked for
        // a rescan yet, so the requests that arrived meanwhile are the one scan the twenty answers shared.
        var answered = await simulator.StatsAsync().ConfigureAwait(false);
        var firstWalks = FirstPages(ArrivedBetween(before, answered));

        await simulator.WaitForQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var settled = await simulator.StatsAsync().ConfigureAwait(false);
        var withDiscovery = NewQueries(before, settled);
        var walkPages = withDiscovery.Count(q => !q.Contains("provider=", StringComparison.Ordinal) && !q.Contains("user_id=", StringComparison.Ordinal));
        var rescans = FirstPages(withDiscovery).Values.DefaultIfEmpty(0).Max() - 1;

        // A fresh snapshot's answer time, then the same once it is stale: the old snapshot answers while one
        // refresh runs behind it.
        clock.Restart();
        await GetAllAsync(http, csv, 10).ConfigureAwait(false);
        var freshTime = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(cacheSeconds + 1)).ConfigureAwait(false);
        var beforeRefresh = await simulator.StatsAsync().ConfigureAwait(false);
        clock.Restart();
        var staleOk = await GetAllAsync(http, csv, 10).ConfigureAwait(false);
        var staleTime = clock.Elapsed;
        await simulator.WaitForQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var refreshed = await simulator.StatsAsync().ConfigureAwait(false);
        var refreshWalks = FirstPages(NewQueries(beforeRefresh, refreshed));

        return
        [
            new Check("20 concurrent GET /api/users.csv on a cold dashboard share one team scan",
                ok == 20 && firstWalks.Count > 0 && firstWalks.Values.All(n => n <= WalksPerProvider),
                $"{ok}/20 answered 200 in {firstScan.TotalSeconds:F2} s; provider walks started: {firstWalks.Count}, most starts of one provider: {(firstWalks.Count == 0 ? 0 : firstWalks.Values.Max())}. "
                + $"Then the discovery walk ({walkPages} pages) {(rescans > 0 ? "found a provider the spec does not list and scanned the team once more, as designed" : "found nothing new")}; upstream calls in all: {settled.RequestCount - before.RequestCount}"),
            new Check("a stale team is answered from the old snapshot while one refresh runs in the background",
                staleOk == 10 && staleTime < firstScan / 2 && refreshWalks.Count > 0 && refreshWalks.Values.All(n => n <= WalksPerProvider),
                $"{staleOk}/10 answered 200 in {staleTime.TotalMilliseconds:F0} ms (fresh: {freshTime.TotalMilliseconds:F0} ms; the cold scan took {firstScan.TotalMilliseconds:F0} ms); provider walks of the one refresh: {refreshWalks.Count}, most starts of one provider: {(refreshWalks.Count == 0 ? 0 : refreshWalks.Values.Max())}; upstream calls: {refreshed.RequestCount - beforeRefresh.RequestCount}"),
        ];
    }

    private static async Task<int> GetAllAsync(HttpClient http, string url, int count)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => http.GetAsync(url))).ConfigureAwait(false);
        var ok = answers.Count(a => a.IsSuccessStatusCode);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        return ok;
    }

    /// <summary>
    /// Queries that arrived between two readings, answered or not, while the simulator's list has not wrapped
    /// (it keeps the last RecentQueryCapacity, oldest first).
    /// </summary>
    private static IReadOnlyList<string> ArrivedBetween(SimulatorStats before, SimulatorStats after) =>
        after.RecentRequestQueries.Count < VitalSimulatorCapacity
            ? after.RecentRequestQueries.Skip(before.RecentRequestQueries.Count).ToList()
            : throw new InvalidOperationException($"More than {VitalSimulatorCapacity} upstream requests: use a smaller team.");

    /// <summary>
    /// A scan starts two walks per provider, its pulls and its ongoing data (<c>Vital:ScanResources</c>); the simulator
    /// keeps query strings without the path, so the two first pages look alike: more than two is a walk started twice.
    /// </summary>
    private const int WalksPerProvider = 2;

    /// <summary>The user, their connections, pulls and ongoing data: the upstream calls of one whole diagnosis.</summary>
    private const int WholeDiagnosisCalls = 4;

    private const int VitalSimulatorCapacity = Vital.Simulator.VitalSimulator.RecentQueryCapacity;

    /// <summary>Queries received between two readings (the simulator keeps the last RecentQueryCapacity, oldest first).</summary>
    private static IReadOnlyList<string> NewQueries(SimulatorStats before, SimulatorStats after)
    {
        var arrived = (int)(after.RequestCount - before.RequestCount);
        if (arrived > after.RecentRequestQueries.Count)
        {
            throw new InvalidOperationException($"{arrived} upstream requests arrived; the simulator keeps only {after.RecentRequestQueries.Count}: use a smaller team.");
        }

        return after.RecentRequestQueries.Skip(after.RecentRequestQueries.Count - arrived).ToList();
    }

    /// <summary>How often each provider's walk was started (its first page: a provider filter and no cursor).</summary>
    private static Dictionary<string, int> FirstPages(IEnumerable<string> queries) => queries
        .Where(q => q.Contains("provider=", StringComparison.Ordinal) && !q.Contains("next_cursor=", StringComparison.Ordinal) && !q.Contains("user_id=", StringComparison.Ordinal))
        .GroupBy(q => q.Split('&').First(p => p.StartsWith("provider=", StringComparison.Ordinal)))
        .ToDictionary(g => g.Key, g => g.Count());
}

internal sealed record Check(string Name, bool Passed, string Observed);
