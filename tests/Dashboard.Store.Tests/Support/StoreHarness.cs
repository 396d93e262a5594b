using Dashboard.Store.Alerts;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Store.Recording;
using Dashboard.Store.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Store.Tests.Support;

/// <summary>The store's services on one database, wired as the host wires them, with a fake clock.</summary>
internal sealed class StoreHarness : IAsyncDisposable
{
    public StoreHarness(StoreDatabase database, FakeTimeProvider? time = null, int retentionDays = 90, bool queueAlerts = true)
    {
        Database = database;
        Time = time ?? new FakeTimeProvider(TestStates.T0);
        Status = new HistoryStatus(Time);
        Migrator = new StoreMigrator(database, Time, NullLogger<StoreMigrator>.Instance);
        Writer = new HistoryWriter(database, Migrator, Status, Time, NullLogger<HistoryWriter>.Instance, Options.Create(new AlertQueueOptions { Enabled = queueAlerts }))
        {
            MaxRetryDelay = TimeSpan.FromSeconds(4),
        };
        Outbox = new AlertOutbox(database, Migrator, Time);
        Refreshes = new Dashboard.Store.Refreshes.RefreshLedger(database, Migrator, Time);
        Reader = new HistoryReader(database, Migrator);
        Connections = new Dashboard.Store.Connections.ConnectionReadingStore(database, Migrator, Time);
        Retention = new RetentionService(database, Migrator, Options.Create(new StoreOptions { RetentionDays = retentionDays }), Time, NullLogger<RetentionService>.Instance);
    }

    public StoreDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public HistoryStatus Status { get; }

    public StoreMigrator Migrator { get; }

    public HistoryWriter Writer { get; }

    public IHistoryReader Reader { get; }

    public IAlertOutbox Outbox { get; }

    public Dashboard.Store.Refreshes.IRefreshLedger Refreshes { get; }

    public RetentionService Retention { get; }

    public Dashboard.Store.Connections.IConnectionReadingStore Connections { get; }

    private bool Started { get; set; }

    public async Task StartAsync()
    {
        await Writer.StartAsync(CancellationToken.None);
        Started = true;
    }

    /// <summary>Records a scan and waits until it is written (or known not to be).</summary>
    public async Task<ScanWritten?> WriteAsync(TeamState state, string scope = "test", DateTimeOffset? startedAt = null, int calls = 3)
    {
        if (!Started)
        {
            await StartAsync();
        }

        var written = new TaskCompletionSource<ScanWritten>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnWritten(ScanWritten w) => written.TrySetResult(w);
        Writer.Written += OnWritten;
        try
        {
            Writer.Record(new CompletedScan(scope, startedAt ?? state.CompletedAt.AddMinutes(-1), state.CompletedAt, calls, () => state));
            return await written.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Writer.Written -= OnWritten;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Started)
        {
            await Writer.StopAsync(CancellationToken.None);
        }

        Writer.Dispose();
    }
}
