using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Store.Hosting;
using Dashboard.Store.Recording;

namespace Dashboard.Web.Observability;

/// <summary>
/// The history store's instruments: each scan the writer stores or fails to store (with the transaction's time), the
/// rows it adds, and whether history is paused. They arrive through <see cref="HistoryWriter"/>'s events, so the store
/// knows nothing of OpenTelemetry. No attribute carries a scope, a user id or a connection string: outcomes, row kinds
/// and the exception's type name (a name in code, never a message).
/// </summary>
internal sealed class HistoryMetrics : IDisposable
{
    private static readonly double[] WriteBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly HistoryWriter _writer;
    private readonly Counter<long> _writes;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rows;

    public HistoryMetrics(IMeterFactory meterFactory, HistoryWriter writer, IHistoryStatus status)
    {
        _writer = writer;
        var meter = meterFactory.Create(DashboardTelemetry.Name);
        _writes = meter.CreateCounter<long>(DashboardTelemetry.StoreWrites, "{scan}",
            "Completed team scans the history writer stored (outcome written) or failed to store and will try again (outcome failed, with the error type).");
        _duration = meter.CreateHistogram(DashboardTelemetry.StoreWriteDuration, "s",
            "Time to store one scan (its summary, its changes and the team state, in one transaction), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteBuckets });
        _rows = meter.CreateCounter<long>(DashboardTelemetry.StoreRows, "{row}",
            "Rows the history writer stored, by kind (scan, change, team_state, alert).");
        meter.CreateObservableGauge(DashboardTelemetry.StorePaused, () => status.IsPaused ? 1 : 0, null,
            "1 while history is paused (the database is down, full or not migrated); pages keep working without it.");

        _writer.Written += OnWritten;
        _writer.WriteFailed += OnFailed;
    }

    public void Dispose()
    {
        _writer.Written -= OnWritten;
        _writer.WriteFailed -= OnFailed;
    }

    private void OnWritten(ScanWritten written)
    {
        var outcome = new TagList { { "outcome", "written" } };
        _writes.Add(1, outcome);
        _duration.Record(written.Elapsed.TotalSeconds, outcome);
        _rows.Add(1, new TagList { { "kind", "scan" } });
        _rows.Add(1, new TagList { { "kind", "team_state" } });
        if (written.Changes > 0)
        {
            _rows.Add(written.Changes, new TagList { { "kind", "change" } });
        }

        if (written.AlertId is not null)
        {
            _rows.Add(1, new TagList { { "kind", "alert" } });
        }
    }

    private void OnFailed(string errorType, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", "failed" }, { "error.type", errorType } };
        _writes.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, new TagList { { "outcome", "failed" } });
    }
}
