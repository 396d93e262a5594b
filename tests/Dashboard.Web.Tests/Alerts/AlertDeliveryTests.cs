using System.Net;
using System.Text.Json;
using Dashboard.Store.Model;
using Dashboard.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Alerts;

/// <summary>
/// The real host posts new critical problems to a real HTTP receiver on 127.0.0.1: once per scan, never twice for the
/// same problem (nor after a restart), retried when the receiver fails, never with the API key, and a receiver that is
/// down neither breaks a scan nor goes unnoticed on <c>/readyz</c>.
/// </summary>
public sealed class AlertDeliveryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));

    private string StoreFile => Path.Combine(_folder, "dashboard.db");

    [Fact]
    public async Task Alerts_NewCriticalProblems_OnePostWithCountsAndLinks_NothingWhenNothingIsNew()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = new AlertHost(receiver.Url, AlertHost.NewSimulator(), StoreFile);

        var quiet = await host.ScanAsync();
        Assert.Null(quiet.AlertId);
        Assert.Empty(receiver.Posts);

        var (first, firstProvider) = host.FailAPull();
        var (second, secondProvider) = host.FailAPull(x => x.UserId != first && x.Provider != firstProvider);
        var written = await host.ScanAsync();

        Assert.NotNull(written.AlertId);
        var post = Assert.Single(receiver.Posts);
        Assert.Equal("POST", post.Method);
        Assert.Equal(WebhookReceiver.SecretPath, post.Path);
        Assert.Contains("Content-Type: application/json; charset=utf-8", post.Headers, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(post.Body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("*2 new critical problems* for 2 users", text, StringComparison.Ordinal);
        Assert.Contains(
            "By provider: " + string.Join(", ", new[] { firstProvider, secondProvider }.Order(StringComparer.Ordinal).Select(p => p + " 1")),
            text,
            StringComparison.Ordinal);
        Assert.Contains("By finding: pull_failed 2", text, StringComparison.Ordinal);
        Assert.Contains($"<{AlertHost.DashboardUrl}/users/{first}?focus={firstProvider}|{first}>: pull_failed ({firstProvider} ", text, StringComparison.Ordinal);
        Assert.Contains($"<{AlertHost.DashboardUrl}/users/{second}?focus={secondProvider}|{second}>: pull_failed ({secondProvider} ", text, StringComparison.Ordinal);
        var since = written.CompletedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<{AlertHost.DashboardUrl}/changes?since={Uri.EscapeDataString(since)}&amp;change=appeared|/changes>", text, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, post.Headers, StringComparison.Ordinal);
        Assert.DoesNotContain("x-vital-api-key", post.Headers, StringComparison.OrdinalIgnoreCase);

        // The same problems, still open on the next scan: nothing more.
        var again = await host.ScanAsync();
        Assert.Null(again.AlertId);
        Assert.Single(receiver.Posts);
        await using var db = host.Factory.Services.GetRequiredService<Dashboard.Store.StoreDatabase>().CreateContext();
        var alert = await db.Alerts.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AlertOutcome.Sent, alert.Outcome);
        Assert.Equal(2, alert.Problems);
    }

    [Fact]
    public async Task Alerts_RestartWithTheSameDatabase_ProblemNotPostedAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var simulator = AlertHost.NewSimulator();
        await using (var before = new AlertHost(receiver.Url, simulator, StoreFile))
        {
            await before.ScanAsync();
            before.FailAPull();
            Assert.NotNull((await before.ScanAsync()).AlertId);
            Assert.Single(receiver.Posts);
        }

        await using var after = new AlertHost(receiver.Url, simulator, StoreFile);
        var written = await after.ScanAsync();

        Assert.False(written.Baseline);
        Assert.Null(written.AlertId);
        Assert.Single(receiver.Posts);
    }

    [Fact]
    public async Task Alerts_ReceiverFailsOnceWith500_RetriedThenDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var host = new AlertHost(receiver.Url, AlertHost.NewSimulator(), StoreFile);
        await host.ScanAsync();
        host.FailAPull();

        await host.ScanAsync();

        Assert.Equal([500, 200], receiver.Posts.Select(p => p.AnsweredWith));
        Assert.Equal(receiver.Posts[0].Body, receiver.Posts[1].Body);
        var alerts = await ReadyzAlertsAsync(host);
        Assert.Equal("Healthy", alerts.GetProperty("status").GetString());
        Assert.StartsWith("Alerts are on; the last was delivered at", alerts.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_ReceiverDown_ScansGoOnAndReadyzSaysSoWithoutTheAddress()
    {
        var down = WebhookReceiver.Down();
        var sink = new InMemorySink();
        await using var host = new AlertHost(down, AlertHost.NewSimulator(), StoreFile, sink);
        await host.ScanAsync();
        host.FailAPull();

        var failed = await host.ScanAsync();
        var next = await host.ScanAsync();

        Assert.NotNull(failed.AlertId);
        Assert.True(next.CompletedAt > failed.CompletedAt);
        Assert.True(host.Snapshots.Current.IsComplete);
        Assert.Null(host.Snapshots.LastRefreshError);
        var alerts = await ReadyzAlertsAsync(host);
        Assert.Equal("Degraded", alerts.GetProperty("status").GetString());
        var description = alerts.GetProperty("description").GetString()!;
        Assert.Contains("could not be delivered: the receiver cannot be reached", description, StringComparison.Ordinal);
        Assert.DoesNotContain(down.Authority, description, StringComparison.Ordinal);
        var log = sink.Text();
        Assert.Contains(sink.Events, e => e.MessageTemplate.Text.Contains("not delivered", StringComparison.Ordinal)
            && e.Properties["Reason"].ToString() == "\"the receiver cannot be reached\"");
        Assert.DoesNotContain(WebhookReceiver.SecretPath, log, StringComparison.Ordinal);
        Assert.DoesNotContain("hookSECRETcanary4242", log, StringComparison.Ordinal);
        await using var db = host.Factory.Services.GetRequiredService<Dashboard.Store.StoreDatabase>().CreateContext();
        var alert = await db.Alerts.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AlertOutcome.Failed, alert.Outcome);
    }

    [Fact]
    public async Task Alerts_StoreCannotBeOpened_NothingPostedScansGoOnAndReadyzSaysAlertsWait()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the store's folder should be", TestContext.Current.CancellationToken);
        var simulator = AlertHost.NewSimulator();
        await using var host = new AlertHost(receiver.Url, simulator, Path.Combine(blocker, "dashboard.db"));
        var status = host.Factory.Services.GetRequiredService<Dashboard.Web.Alerts.AlertStatus>();

        await host.Snapshots.WhenCompleteAsync(TestContext.Current.CancellationToken);
        host.FailAPull();
        // The sender's pass at start meets the store failing (a guard against a hang, not a timing assertion).
        for (var i = 0; status.StoreProblem is null && i < 600; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(host.Snapshots.Current.IsComplete);
        var alerts = await ReadyzAlertsAsync(host);
        Assert.Equal("Degraded", alerts.GetProperty("status").GetString());
        Assert.StartsWith("Alerts wait:", alerts.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Posts);
    }

    [Fact]
    public async Task Alerts_WebhookUrlLoggedByAccident_IsMasked()
    {
        var sink = new InMemorySink();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = new AlertHost(receiver.Url, AlertHost.NewSimulator(), StoreFile, sink);
        var logger = host.Factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Tests.Careless");

#pragma warning disable CA1848, CA2254 // Careless on purpose: this is what the masking is for.
        logger.LogWarning("Posting to {Url}", receiver.Url);
        logger.LogWarning("Posting to " + receiver.Url.GetLeftPart(UriPartial.Authority) + WebhookReceiver.SecretPath + "?*");
#pragma warning restore CA1848, CA2254

        var text = sink.Text();
        Assert.DoesNotContain("hookSECRETcanary4242", text, StringComparison.Ordinal);
        Assert.Contains("Posting to ***", text, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReadyzAlertsAsync(AlertHost host)
    {
        using var client = host.Factory.CreateClient();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("checks").GetProperty("alerts").Clone();
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
        catch (IOException)
        {
            // Left for the system's temporary-file cleaning.
        }
    }
}
