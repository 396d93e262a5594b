using Dashboard.Store.Recording;
using Dashboard.Web.Alerts;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Security;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Alerts;

/// <summary>
/// The real host in live mode (the key is <see cref="SecurityTestKit.LiveKey"/>) over a simulated team, with alerts to a
/// webhook, and the means to run one more scan and wait until the alert sender has looked at it.
/// </summary>
internal sealed class AlertHost : IAsyncDisposable
{
    public const string DashboardUrl = "https://dashboard.test";

    private readonly List<long> _drained = [];
    private readonly SemaphoreSlim _drainedSignal = new(0);

    public AlertHost(Uri webhook, VitalSimulator simulator, string storeFile, InMemorySink? sink = null)
    {
        Simulator = simulator;
        Factory = SecurityTestKit.Factory(
            SecurityTestKit.Anonymous(
                ("Alerts:WebhookUrl", webhook.AbsoluteUri),
                ("Alerts:DashboardUrl", DashboardUrl),
                ("Alerts:MaxRetryAttempts", "2"),
                ("Alerts:RetryBaseDelay", "00:00:00.010"),
                ("Vital:CacheSeconds", "0"),
                ("Store:ConnectionString", $"Data Source={storeFile}")),
            new CountingHandler(new VitalSimulatorHandler(simulator)),
            sink);
        _ = Factory.CreateClient();
        Sender = Factory.Services.GetRequiredService<AlertSender>();
        Writer = Factory.Services.GetRequiredService<HistoryWriter>();
        Snapshots = Factory.Services.GetRequiredService<ITeamSnapshots>();
        Sender.Drained += trigger =>
        {
            lock (_drained)
            {
                _drained.Add(trigger?.ScanId ?? 0);
            }

            _drainedSignal.Release();
        };
    }

    public DashboardFactory Factory { get; }

    public VitalSimulator Simulator { get; }

    public AlertSender Sender { get; }

    public HistoryWriter Writer { get; }

    public ITeamSnapshots Snapshots { get; }

    public static VitalSimulator NewSimulator() => new(new SimulatorOptions { Users = 12, Seed = 5 }, TimeProvider.System);

    /// <summary>
    /// Runs one more scan after the one shown, and returns what the writer did with it once the alert sender has been
    /// through the waiting alerts after it (so whatever it was going to post has been posted).
    /// </summary>
    public async Task<ScanWritten> ScanAsync()
    {
        var shown = await Snapshots.WhenCompleteAsync(TestContext.Current.CancellationToken);
        var written = new TaskCompletionSource<ScanWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnWritten(ScanWritten w)
        {
            if (w.CompletedAt > shown.CompletedAt)
            {
                written.TrySetResult(w);
            }
        }

        Writer.Written += OnWritten;
        try
        {
            // A person's Refresh is held back for a few seconds after a scan: ask once it is allowed.
            while (Snapshots.RefreshAllowedAt is { } allowedAt)
            {
                var wait = allowedAt - DateTimeOffset.UtcNow;
                await Task.Delay(wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait, TestContext.Current.CancellationToken);
            }

            Snapshots.Refresh();
            var result = await written.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            await DrainedAfterAsync(result.ScanId);
            return result;
        }
        finally
        {
            Writer.Written -= OnWritten;
        }
    }

    /// <summary>Makes a successful pull of a user fail in the simulated team; returns the user and the pull's provider.</summary>
    public (string UserId, string Provider) FailAPull(Func<(string UserId, string Provider), bool>? where = null)
    {
        var team = Snapshots.Current;
        var (user, pull) = team.Users.SelectMany(u => u.Pulls.Select(p => (u, p)))
            .First(x => x.p.Status.Value == "success" && (where?.Invoke((x.u.UserId, x.p.Provider)) ?? true));
        Assert.Equal(PullUpdateResult.Updated, Simulator.SetPull(user.UserId, pull.Provider, pull.Resource, new PullUpdate { Status = "failure", ErrorDetails = "provider_credential_error" }));
        return (user.UserId, pull.Provider);
    }

    private async Task DrainedAfterAsync(long scanId)
    {
        while (true)
        {
            lock (_drained)
            {
                if (_drained.Contains(scanId))
                {
                    return;
                }
            }

            Assert.True(await _drainedSignal.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "The alert sender never looked at the scan.");
        }
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
