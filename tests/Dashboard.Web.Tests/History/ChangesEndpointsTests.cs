using System.Net;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.History;

/// <summary><c>/api/changes.csv</c> and <c>/changes</c> on the real host: bad filters, an empty history, a store that cannot be opened.</summary>
public sealed class ChangesEndpointsTests
{
    [Fact]
    public async Task ChangesCsv_BadFilter_400WithTheProblem()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();

        using var csv = await client.GetAsync(new Uri("/api/changes.csv?since=yesterday", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains("24h or 7d", await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesCsv_NothingChanged_HeaderOnlyAsADownload()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();

        var since = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, DateTimeOffset.UtcNow.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-1);

        using var csv = await client.GetAsync(new Uri($"/api/changes.csv?since={since:yyyy-MM-dd}T07:00:00Z", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"vital-changes-since-{since:yyyyMMdd}-0700.csv", csv.Content.Headers.ContentDisposition!.FileName);
        var text = await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("seen_at,change,severity,code,provider,resource,user_id,link", text.Trim());
    }

    [Fact]
    public async Task Host_StoreCannotBeOpened_ChangesPageSaysSoAndCsvIs503()
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

            using var page = await client.GetAsync(new Uri("/changes", UriKind.Relative), TestContext.Current.CancellationToken);
            using var csv = await client.GetAsync(new Uri("/api/changes.csv", UriKind.Relative), TestContext.Current.CancellationToken);

            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("What changed cannot be shown right now", html, StringComparison.Ordinal);
            Assert.Contains("Last 24 hours", html, StringComparison.Ordinal);
            Assert.DoesNotContain(blocker, html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, csv.StatusCode);
            Assert.DoesNotContain(blocker, await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
