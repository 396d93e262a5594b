using System.Net;
using Microsoft.Extensions.Hosting;
using Dashboard.Store.Recording;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.History;

/// <summary>A restarted dashboard shows the team it stored at once, while its first scan runs, and records on from it.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string?> Settings(int latencyMs = 0) => new()
    {
        ["Store:ConnectionString"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}",
        ["Simulator:Faults:LatencyMs"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Restart_StoredTeam_ShownBeforeTheFirstScanCompletes()
    {
        TeamSnapshot first;
        await using (var before = new DashboardFactory(Settings()))
        {
            _ = before.CreateClient();
            var written = WaitForWrite(before);
            first = await before.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(TestContext.Current.CancellationToken);
            await written.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        // Every upstream answer now takes seconds: the first scan cannot be done when the page is asked for.
        await using var after = new DashboardFactory(Settings(latencyMs: 3000));
        var client = after.CreateClient();
        var restored = after.Services.GetRequiredService<RestoredTeam>();
        var snapshots = after.Services.GetRequiredService<ITeamSnapshots>();

        // Shown from before the server listens (its users come in as they are read), complete once read.
        Assert.True(restored.IsRestored(snapshots.Current));
        Assert.Equal(first.Count, snapshots.Current.StoredUsers);
        await after.Services.GetServices<IHostedService>().OfType<TeamStateRestorer>().Single().Loading.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(first.CompletedAt, restored.CompletedAt);
        Assert.True(restored.IsRestored(snapshots.Current));
        Assert.Equal(first.Count, snapshots.Current.Count);
        Assert.Equal(first.Users.Select(u => (u.UserId, u.Headline, u.FindingMask)), snapshots.Current.Users.Select(u => (u.UserId, u.Headline, u.FindingMask)));
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"as-of\"", html, StringComparison.Ordinal);
        // The export waits for a complete team: the stored one is, so it answers before the first scan is done.
        using var csv = await client.GetAsync(new Uri("/api/users.csv", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.All(first.Users, u => Assert.Contains(u.UserId, text, StringComparison.Ordinal));
        Assert.True(restored.IsRestored(snapshots.Current));
    }

    [Fact]
    public async Task Restart_FirstScanAfterIt_ComparedWithTheStoredTeamNotABaseline()
    {
        await using (var before = new DashboardFactory(Settings()))
        {
            _ = before.CreateClient();
            var written = WaitForWrite(before);
            await before.Services.GetRequiredService<ITeamSnapshots>().WhenCompleteAsync(TestContext.Current.CancellationToken);
            Assert.True((await written.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Baseline);
        }

        await using var after = new DashboardFactory(Settings());
        var next = WaitForWrite(after);
        _ = after.CreateClient();
        // The stored team is younger than Vital:CacheSeconds, so nothing would scan yet by itself.
        after.Services.GetRequiredService<ITeamSnapshots>().Refresh();

        var written2 = await next.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(written2.Baseline);
        Assert.Equal(0, written2.Changes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static Task<ScanWritten> WaitForWrite(DashboardFactory factory)
    {
        var written = new TaskCompletionSource<ScanWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Services.GetRequiredService<HistoryWriter>().Written += w => written.TrySetResult(w);
        return written.Task;
    }
}
