using System.Net;
using System.Text.Json;
using Dashboard.Store.Reading;
using Dashboard.Store.Recording;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.History;

/// <summary>The real host in demo mode records each completed team scan, and what changed between two of them.</summary>
public sealed class HistoryRecordingTests
{
    [Fact]
    public async Task Host_TwoScansWithAPullFailingBetween_RecordsTheNewProblem()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Vital:CacheSeconds"] = "0" });
        _ = factory.CreateClient();
        var snapshots = factory.Services.GetRequiredService<ITeamSnapshots>();
        var writer = factory.Services.GetRequiredService<HistoryWriter>();
        var simulator = factory.Services.GetRequiredService<VitalSimulator>();
        var written = new List<ScanWritten>();
        var next = new SemaphoreSlim(0);
        writer.Written += w =>
        {
            lock (written)
            {
                written.Add(w);
            }

            next.Release();
        };

        var first = await snapshots.WhenCompleteAsync(TestContext.Current.CancellationToken);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var (user, pull) = first.Users.SelectMany(u => u.Pulls.Select(p => (u, p))).First(x => x.p.Status.Value == "success");
        Assert.Equal(Vital.Simulator.PullUpdateResult.Updated, simulator.SetPull(user.UserId, pull.Provider, pull.Resource, new PullUpdate { Status = "failure", ErrorDetails = "provider_credential_error" }));

        // A scan already running when the pull changed may not see it: the one after does.
        var scope = factory.Services.GetRequiredService<TeamScope>().Value;
        var reader = factory.Services.GetRequiredService<IHistoryReader>();
        ProblemChanges changes;
        var scans = 0;
        do
        {
            // A person's Refresh is held back for a few seconds after a scan: ask once it is allowed.
            while (snapshots.RefreshAllowedAt is { } allowedAt)
            {
                await Task.Delay(Clamp(allowedAt - DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
            }

            snapshots.Refresh();
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            changes = await reader.GetProblemChangesAsync(scope, new ChangesFilter { Since = first.CompletedAt!.Value }, TestContext.Current.CancellationToken);
        }
        while (++scans < 3 && !changes.Changes.Any(c => c.UserId == user.UserId && c.Code == "pull_failed"));

        Assert.True(written[0].Baseline);
        Assert.Equal(0, written[0].Changes);
        Assert.False(written[1].Baseline);
        Assert.StartsWith("demo:", scope, StringComparison.Ordinal);
        Assert.Contains(changes.Changes, c => c.UserId == user.UserId && c.Code == "pull_failed" && c.Provider == pull.Provider && c.Resource == pull.Resource && c.Appeared);

        // The same change on the page and in its CSV.
        var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/changes?since=1h", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"/users/{user.UserId}?focus={pull.Provider}", html, StringComparison.Ordinal);
        using var csv = await client.GetAsync(new Uri($"/api/changes.csv?since=1h&provider={pull.Provider}&change=appeared", UriKind.Relative), TestContext.Current.CancellationToken);
        var lines = (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("seen_at,change,severity,code,provider,resource,user_id,link", lines[0]);
        Assert.Contains(lines, l => l.Contains($",appeared,critical,pull_failed,{pull.Provider},{pull.Resource},{user.UserId},http://localhost/users/{user.UserId}", StringComparison.Ordinal));

        // And on the user's page: since when the pull failed, and since when the finding is open.
        using var userPage = await client.GetAsync(new Uri($"/users/{user.UserId}", UriKind.Relative), TestContext.Current.CancellationToken);
        var userHtml = await userPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, userPage.StatusCode);
        Assert.Contains($"data-provider=\"{pull.Provider}\" data-resource=\"{pull.Resource}\"", userHtml, StringComparison.Ordinal);
        Assert.Contains("Failed since", userHtml, StringComparison.Ordinal);
        Assert.Contains("First seen", userHtml, StringComparison.Ordinal);

        // And in the provider's trends: today's counts, from the recorded scans.
        using var providerPage = await client.GetAsync(new Uri($"/providers/{pull.Provider}", UriKind.Relative), TestContext.Current.CancellationToken);
        var providerHtml = await providerPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, providerPage.StatusCode);
        Assert.Contains("data-testid=\"trend-codes\"", providerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_StoreCannotBeOpened_PagesWorkAndReadyzSaysHistoryIsPaused()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "a file where the store's folder should be", TestContext.Current.CancellationToken);
        try
        {
            await using var factory = new DashboardFactory(new Dictionary<string, string?>
            {
                ["Store:ConnectionString"] = $"Data Source={Path.Combine(blocker, "data", "dashboard.db")}",
            });
            var client = factory.CreateClient();

            using var page = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
            using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
            var history = body.RootElement.GetProperty("checks").GetProperty("history");
            Assert.Equal("Degraded", history.GetProperty("status").GetString());
            var description = history.GetProperty("description").GetString()!;
            Assert.Contains("History is paused", description, StringComparison.Ordinal);
            Assert.DoesNotContain(blocker, description, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task Host_StoreWorks_ReadyzSaysHistoryIsKept()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("history").GetProperty("status").GetString());
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait;
}
